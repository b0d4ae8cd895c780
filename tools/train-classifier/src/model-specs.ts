import type { HashedNgramPreprocessing, ModelManifest } from '@prefstream/models';
import { DAVIDSON_LABELS, loadDavidson } from './datasets/davidson';
import { FOLLOW_UP_DEV, loadFollowUps } from './datasets/follow-ups';
import { loadLabelledJsonl } from './datasets/jsonl';
import type { LoadedData } from './datasets/training-row';
import type { ClassWeighting } from './optim/softmax-regression';
import { loadXstestCompletions, loadXstestPrompts, XSTEST_COMPLETION_SOURCES, type XstestCompletionSource } from './datasets/xstest';

export interface DataOptions {
  /** A labelled JSONL file (`--data`). */
  data?: string;
  /** XSTest completion sets for the refusal model (`--sources`). */
  sources?: string[];
}

/** Everything that defines one trainable model apart from its data's rows. */
export interface ModelSpec {
  name: string;
  version: string;
  description: string;
  appliesTo: ModelManifest['appliesTo'];
  /** Fixed class order; when absent the sorted labels found in the data. */
  labels?: readonly string[];
  derivedScores?: Record<string, string[]>;
  preprocessing: HashedNgramPreprocessing;
  l2: number;
  classWeight: ClassWeighting;
  maxIterations: number;
  /** A fold kept out of training by default, so the shipped model's test rows are on record. */
  defaultHoldout?: { folds: number; fold: number };
  /** How the settings were chosen, recorded with the hyperparameters in the manifest. */
  selection?: string;
  load(options: DataOptions): LoadedData;
}

/** The shared preprocessing block with the given fields changed (paddingIndex always = buckets). */
export function preprocessing(overrides: Partial<HashedNgramPreprocessing> & { buckets: number }): HashedNgramPreprocessing {
  return {
    kind: 'hashed-ngrams',
    lowercase: true,
    maskUrlsAndMentions: false,
    maxChars: 2000,
    tokenizer: 'alnum-apostrophe',
    wordNgrams: [1, 2],
    charNgrams: [3, 5],
    leadWords: 0,
    hash: 'fnv1a32-fmix32',
    tf: 'sublinear',
    normalize: 'l2',
    ...overrides,
    paddingIndex: overrides.buckets,
  };
}

function fromJsonl(options: DataOptions, model: string): LoadedData {
  if (!options.data) throw new Error(`--model ${model} needs --data FILE (JSONL lines {"text": ..., "label": ...})`);
  return loadLabelledJsonl(options.data);
}

/** A model trained only from a labelled JSONL file (`--model NAME --data FILE`). */
export function jsonlModelSpec(name: string, description: string, appliesTo: ModelManifest['appliesTo']): ModelSpec {
  return {
    name,
    version: '1.0.0',
    description,
    appliesTo,
    preprocessing: preprocessing({ buckets: 1 << 17, maxChars: 1000 }),
    l2: 1e-4,
    classWeight: 'balanced',
    maxIterations: 300,
    load: (options) => fromJsonl(options, name),
  };
}

export const MODEL_SPECS: Record<string, ModelSpec> = {
  refusal: {
    name: 'refusal',
    version: '1.0.0',
    description: 'Does a model response comply, refuse, or partly refuse? Trained on hand-labelled XSTest v2 completions.',
    appliesTo: 'response',
    labels: ['full_compliance', 'full_refusal', 'partial_refusal'],
    derivedScores: { refusal: ['full_refusal', 'partial_refusal'] },
    preprocessing: preprocessing({ buckets: 1 << 18, maxChars: 2000 }),
    l2: 1e-4,
    classWeight: 'balanced',
    maxIterations: 400,
    load: (options) => {
      const unknown = (options.sources ?? []).filter((s) => !(XSTEST_COMPLETION_SOURCES as readonly string[]).includes(s));
      if (unknown.length) throw new Error(`unknown --sources ${unknown.join(',')}; known: ${XSTEST_COMPLETION_SOURCES.join(',')}`);
      return loadXstestCompletions((options.sources as XstestCompletionSource[] | undefined) ?? XSTEST_COMPLETION_SOURCES);
    },
  },
  toxicity: {
    name: 'toxicity',
    version: '1.0.0',
    description: 'Is a text hate speech, offensive, or neither? Trained on the Davidson et al. tweets; toxic = P(hate) + P(offensive).',
    appliesTo: 'text',
    labels: DAVIDSON_LABELS,
    derivedScores: { toxic: ['hate', 'offensive'] },
    preprocessing: preprocessing({ buckets: 1 << 18, maxChars: 1000, maskUrlsAndMentions: true }),
    // Chosen on fold 1 as validation (trained on folds 2-4; fold 0, the reported test fold, unseen):
    // macro-F1 0.737 vs 0.724 balanced, 0.652 unweighted; l2 3e-5 / 3e-4 / 1e-3 gave 0.732 / 0.724 / 0.671.
    l2: 1e-4,
    classWeight: 'sqrt-balanced',
    maxIterations: 400,
    defaultHoldout: { folds: 5, fold: 0 },
    load: () => loadDavidson(),
  },
  'harmful-request': {
    name: 'harmful-request',
    version: '1.0.0',
    description: 'Is a user prompt a request for harmful help? Trained on the 450 XSTest prompts (250 safe, 200 unsafe): small data, see docs/classifiers.md.',
    appliesTo: 'prompt',
    labels: ['safe', 'unsafe'],
    preprocessing: preprocessing({ buckets: 1 << 17, maxChars: 1000 }),
    l2: 1e-4,
    classWeight: 'balanced',
    maxIterations: 300,
    load: () => loadXstestPrompts(),
  },
  'follow-up': {
    name: 'follow-up',
    version: '1.0.0',
    description:
      "What does a user's next message say about the previous answer: complaint, gratitude, clarification or none? Trained on the hand-labelled hh-rlhf follow-ups of libs/signals (dev split, 309 turns; no retry examples exist there): small data, see docs/classifiers.md.",
    appliesTo: 'follow-up',
    // Labels are read from the data (sorted): clarification, complaint, gratitude, none.
    // Settings chosen by cross-validation within the dev split only (models/follow-up/selection.json,
    // `node bin/run-ts.js tools/train-classifier/src/select-follow-up.ts --write`); a test checks they match.
    preprocessing: preprocessing({ buckets: 1 << 17, maxChars: 1000, wordNgrams: [1, 3], charNgrams: null, leadWords: 3 }),
    l2: 3e-2,
    classWeight: 'balanced',
    maxIterations: 500,
    selection: 'models/follow-up/selection.json: 5-fold CV within followup-dev.jsonl (2 seeds), model-alone macro-F1; test split unseen',
    load: (options) => loadFollowUps(options.data ?? FOLLOW_UP_DEV),
  },
};
