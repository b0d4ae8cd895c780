/**
 * Scores from the ONNX classifiers (libs/models) that join the interpretable features. This lib does
 * not run the models; it names their outputs so feature maps and scores merge under fixed names.
 */
export const CLASSIFIER_SCORES = [
  { name: 'refusal_full', model: 'refusal', output: 'full_refusal', reads: 'response', description: 'P(the response refuses outright).' },
  { name: 'refusal_partial', model: 'refusal', output: 'partial_refusal', reads: 'response', description: 'P(the response refuses in part: complies with caveats or with part of the request).' },
  { name: 'toxicity', model: 'toxicity', output: 'toxic', reads: 'response', description: 'P(hate) + P(offensive) of the response.' },
  { name: 'harmful_request', model: 'harmful-request', output: 'unsafe', reads: 'prompt', description: 'P(the prompt asks for something harmful).' },
] as const;

export type ClassifierScoreName = (typeof CLASSIFIER_SCORES)[number]['name'];
export const CLASSIFIER_SCORE_NAMES: readonly ClassifierScoreName[] = CLASSIFIER_SCORES.map((s) => s.name);
export type ClassifierScores = Partial<Record<ClassifierScoreName, number>>;

/**
 * Picks the named scores out of classifier outputs keyed by model name, then by label or derived
 * score (as libs/models reports them), e.g. { refusal: { full_refusal: 0.9, ... }, toxicity: { toxic: 0.1 } }.
 * Models that did not run are simply absent.
 */
export function classifierScoresFrom(outputs: Readonly<Record<string, Readonly<Record<string, number>> | undefined>>): ClassifierScores {
  const scores: ClassifierScores = {};
  for (const s of CLASSIFIER_SCORES) {
    const value = outputs[s.model]?.[s.output];
    if (value !== undefined) scores[s.name] = value;
  }
  return scores;
}

/** The feature map with the scores added under their names; a score outside [0, 1] is a bug upstream and throws. */
export function withClassifierScores(features: Readonly<Record<string, number>>, scores: ClassifierScores): Record<string, number> {
  const merged: Record<string, number> = { ...features };
  for (const name of CLASSIFIER_SCORE_NAMES) {
    const value = scores[name];
    if (value === undefined) continue;
    if (!(value >= 0 && value <= 1)) throw new RangeError(`classifier score ${name} = ${value} is not a probability in [0, 1]`);
    merged[name] = value;
  }
  return merged;
}
