import { CLASSIFIER_SCORE_NAMES, FEATURES, classifierScoresFrom, featureDiffs, responseFeatures, withClassifierScores } from '../src';

describe('classifier scores', () => {
  it('have names no feature uses', () => {
    const features = new Set(FEATURES.map((f) => f.name));
    expect(CLASSIFIER_SCORE_NAMES.filter((n) => features.has(n))).toEqual([]);
    expect([...CLASSIFIER_SCORE_NAMES].sort()).toEqual(['harmful_request', 'refusal_full', 'refusal_partial', 'toxicity']);
  });

  it('are picked from model outputs by model and label; models that did not run are absent', () => {
    const outputs = { refusal: { full_compliance: 0.2, full_refusal: 0.7, partial_refusal: 0.1 }, toxicity: { hate: 0.01, offensive: 0.04, neither: 0.95, toxic: 0.05 } };
    expect(classifierScoresFrom(outputs)).toEqual({ refusal_full: 0.7, refusal_partial: 0.1, toxicity: 0.05 });
  });

  it('merge into a feature map, and then diff like any feature', () => {
    const a = withClassifierScores(responseFeatures("I'm sorry, I can't help with that.").numeric, { refusal_full: 0.9 });
    const b = withClassifierScores(responseFeatures('Sure, here is how.').numeric, { refusal_full: 0.1 });
    expect(a.refusal_full).toBe(0.9);
    expect(a.apology_count).toBe(1);
    expect(featureDiffs(a, b).refusal_full).toBeCloseTo(0.8 / 2, 12);
  });

  it('reject values that are not probabilities', () => {
    expect(() => withClassifierScores({}, { toxicity: 1.5 })).toThrow(/toxicity/);
    expect(() => withClassifierScores({}, { toxicity: NaN })).toThrow(RangeError);
  });
});
