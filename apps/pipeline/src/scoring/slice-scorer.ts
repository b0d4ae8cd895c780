import type { PrefEvent } from '@prefstream/events';
import { CLASSIFIER_SCORES, classifierScoresFrom, type ClassifierScores } from '@prefstream/features';
import { TextClassifier, type ClassifierOptions } from '@prefstream/models';
import type { SliceScores } from '@prefstream/processing';

/** Models the stream can run, by the libs/features score names they feed. */
export const STREAM_MODELS = [...new Set(CLASSIFIER_SCORES.map((s) => s.model))] as readonly string[];
/** What each model reads (one model can feed several score names, all from the same text). */
const READS = new Map<string, string>(CLASSIFIER_SCORES.map((s) => [s.model, s.reads]));

interface Target {
  key: string;
  text: string;
}

/**
 * Texts of a slice that the classifiers read: each turn's response and prompt, and the inline sides of
 * votes (keyed `<event_id>#a` / `#b`, as SliceScores expects). Events are the slice's accepted ones, as
 * PartitionProcessor.decode returns them (decoded once for scoring and processing).
 */
export function scoringTargets(events: readonly PrefEvent[]): { responses: Target[]; prompts: Target[] } {
  const responses: Target[] = [];
  const prompts: Target[] = [];
  for (const event of events) {
    if (event.type === 'turn') {
      responses.push({ key: event.event_id, text: event.response });
      prompts.push({ key: event.event_id, text: event.prompt });
    } else if (event.type === 'vote') {
      for (const side of ['a', 'b'] as const) {
        const response = event[side].response;
        if (response !== undefined) responses.push({ key: `${event.event_id}#${side}`, text: response });
      }
    }
  }
  return { responses, prompts };
}

/**
 * Scores a slice's texts with the ONNX classifiers before the processor runs (inference stays in
 * worker threads, batched; the processor itself stays synchronous). The models are deterministic, so a
 * replayed slice gets the same scores and the same rows.
 */
export class SliceScorer {
  private constructor(private readonly classifiers: Map<string, TextClassifier>) {}

  /** Opens the named models (a subset of STREAM_MODELS); none means a scorer that scores nothing. */
  static async open(models: readonly string[], options: ClassifierOptions = {}): Promise<SliceScorer> {
    for (const m of models) if (!STREAM_MODELS.includes(m)) throw new RangeError(`unknown stream model ${m}; known: ${STREAM_MODELS.join(', ')}`);
    const opened = new Map<string, TextClassifier>();
    try {
      for (const m of models) opened.set(m, await TextClassifier.open(m, options));
    } catch (error) {
      await Promise.all([...opened.values()].map((c) => c.close()));
      throw error;
    }
    return new SliceScorer(opened);
  }

  get models(): string[] {
    return [...this.classifiers.keys()];
  }

  async score(events: readonly PrefEvent[]): Promise<SliceScores> {
    const scores = new Map<string, ClassifierScores>();
    if (this.classifiers.size === 0) return scores;
    const { responses, prompts } = scoringTargets(events);
    const outputs = new Map<string, Record<string, Record<string, number>>>();
    const run = async (model: string, targets: Target[]) => {
      const classifier = this.classifiers.get(model);
      if (!classifier || targets.length === 0) return;
      const results = await classifier.classify(targets.map((t) => t.text));
      results.forEach((r, i) => {
        const byModel = outputs.get(targets[i].key) ?? {};
        byModel[model] = r.scores;
        outputs.set(targets[i].key, byModel);
      });
    };
    await Promise.all(STREAM_MODELS.map((model) => run(model, READS.get(model) === 'prompt' ? prompts : responses)));
    for (const [key, byModel] of outputs) scores.set(key, classifierScoresFrom(byModel));
    return scores;
  }

  async close(): Promise<void> {
    await Promise.all([...this.classifiers.values()].map((c) => c.close()));
  }
}
