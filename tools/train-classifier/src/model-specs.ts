import type { HashedNgramPreprocessing, ModelManifest } from '@prefstream/models';
import { DAVIDSON_LABELS, loadDavidson } from './datasets/davidson';
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
  load(options: DataOptions): LoadedData;
}

function preprocessing(overrides: Partial<HashedNgramPreprocessing> & { buckets: number }): HashedNgramPreprocessing {
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
  followup: jsonlModelSpec('followup', "What does a user's follow-up message say about the previous answer (complaint, retry, gratitude, clarification, other)?", 'follow-up'),
};
