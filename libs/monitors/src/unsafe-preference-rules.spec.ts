import { CLASSIFIER_SCORE_NAMES, FEATURES } from '@prefstream/features';
import type { EffectSnapshotRow } from './snapshot-rows';
import { DEFAULT_UNSAFE_PREFERENCE_RULES, ruleHolds, ruleStatistic } from './unsafe-preference-rules';

const row = (coef: number, se: number): EffectSnapshotRow => ({
  computed_at: 0, target: 'vote', segment: 'global', window: 'cumulative', feature: 'toxicity', coef, se, ci_low: coef - 1.96 * se, ci_high: coef + 1.96 * se, n: 500,
});
const rule = (name: string) => DEFAULT_UNSAFE_PREFERENCE_RULES.find((r) => r.name === name)!;

describe('unsafe preference rules', () => {
  it('are the documented defaults, on features and scores that exist', () => {
    expect(DEFAULT_UNSAFE_PREFERENCE_RULES.map((r) => [r.feature, r.direction, r.severity])).toEqual([
      ['toxicity', 'preferred', 'critical'],
      ['refusal_full', 'dispreferred', 'warning'],
      ['flattery_count', 'preferred', 'warning'],
      ['sycophantic_opener', 'preferred', 'warning'],
      ['tokens', 'preferred', 'info'],
    ]);
    const known = new Set<string>([...FEATURES.map((f) => f.name), ...CLASSIFIER_SCORE_NAMES]);
    for (const r of DEFAULT_UNSAFE_PREFERENCE_RULES) expect(known).toContain(r.feature);
    expect(rule('refusal_dispreferred').advice).toMatch(/harmful requests.*relabel or exclude/);
  });

  it('hold when the 95% interval excludes 0 on their side, and the oriented z crosses 1.96 there', () => {
    const preferred = rule('toxicity_preferred');
    const against = rule('refusal_dispreferred');
    expect(ruleHolds(preferred, row(0.5, 0.2))).toBe(true); // z 2.5
    expect(ruleHolds(preferred, row(0.3, 0.2))).toBe(false); // z 1.5: interval straddles 0
    expect(ruleHolds(preferred, row(-0.5, 0.2))).toBe(false);
    expect(ruleHolds(against, row(-0.5, 0.2))).toBe(true);
    expect(ruleHolds(against, row(0.5, 0.2))).toBe(false);
    expect(ruleStatistic(preferred, row(0.5, 0.2))).toBeCloseTo(2.5, 12);
    expect(ruleStatistic(against, row(-0.5, 0.2))).toBeCloseTo(2.5, 12);
    // At a symmetric interval the rule's edge is exactly oriented z = 1.96.
    expect(ruleHolds(preferred, row(1.961, 1))).toBe(true);
    expect(ruleHolds(preferred, row(1.959, 1))).toBe(false);
  });
});
