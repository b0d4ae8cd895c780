import { SIGNAL_KIND_NAMES } from '@prefstream/signals';
import { CLASSIFIER_SCORE_NAMES, FEATURES } from '@prefstream/features';
import { DEFAULT_DRIFT_METRICS, isMaterialChange } from './monitor-minute';
import { minuteOf } from './monitor-minute.test-helper';

const metric = (name: string) => {
  const m = DEFAULT_DRIFT_METRICS.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  return m;
};

describe('default drift metrics', () => {
  it('are the documented set, with their settle class and bad direction', () => {
    expect(DEFAULT_DRIFT_METRICS.map((m) => [m.name, m.settles, m.bad])).toEqual([
      ['implicit_reward', 'outcome', 'down'],
      ['thumbs_up_rate', 'outcome', 'down'],
      ['signal:regenerate', 'outcome', 'up'],
      ['signal:followup_complaint', 'outcome', 'up'],
      ['signal:rephrase', 'outcome', 'up'],
      ['signal:abandon', 'outcome', 'up'],
      ['feature:tokens', 'response', null],
      ['feature:refusal_full', 'response', 'up'],
      ['feature:toxicity', 'response', 'up'],
    ]);
  });

  it('name only signal kinds, features and classifier scores that exist', () => {
    const known = new Set<string>([...SIGNAL_KIND_NAMES.map((k) => `signal:${k}`), ...FEATURES.map((f) => `feature:${f.name}`), ...CLASSIFIER_SCORE_NAMES.map((s) => `feature:${s}`)]);
    for (const m of DEFAULT_DRIFT_METRICS.filter((x) => x.name.includes(':'))) expect(known).toContain(m.name);
  });

  it('read the reward moments, thumbs and signal rates (0/1 summaries) and feature moments', () => {
    const m = minuteOf({
      reward_sum: 12.5, reward_sumsq: 9.1, reward_count: 40, thumbs_up: 7, thumbs_down: 3,
      signal_counts: { regenerate: 6, abandon: 2 }, feature_sums: { tokens: 8000 }, feature_sumsqs: { tokens: 2.1e6 }, feature_counts: { tokens: 41 },
    });
    expect(metric('implicit_reward').extract(m)).toEqual({ count: 40, sum: 12.5, sumsq: 9.1 });
    expect(metric('thumbs_up_rate').extract(m)).toEqual({ count: 10, sum: 7, sumsq: 7 });
    expect(metric('signal:regenerate').extract(m)).toEqual({ count: 40, sum: 6, sumsq: 6 });
    expect(metric('signal:rephrase').extract(m)).toEqual({ count: 40, sum: 0, sumsq: 0 }); // no event is a rate of 0, not missing
    expect(metric('feature:tokens').extract(m)).toEqual({ count: 41, sum: 8000, sumsq: 2.1e6 });
    expect(DEFAULT_DRIFT_METRICS.filter((x) => x.proportion).map((x) => x.name)).toEqual(['thumbs_up_rate', 'signal:regenerate', 'signal:followup_complaint', 'signal:rephrase', 'signal:abandon']);
  });

  it('are missing where the minute has none of them (no final response, no thumbs, classifiers not run)', () => {
    const m = minuteOf({ responses: 30, feature_sums: { tokens: 10 }, feature_counts: { tokens: 3 } });
    for (const name of ['implicit_reward', 'thumbs_up_rate', 'signal:regenerate', 'feature:toxicity', 'feature:refusal_full']) expect(metric(name).extract(m)).toBeUndefined();
    expect(metric('feature:tokens').extract(m)).toBeUndefined(); // no sum of squares: a row from before feature_sumsqs existed
  });

  it('clamps a rate whose event count exceeds its trials', () => {
    expect(metric('signal:abandon').extract(minuteOf({ reward_count: 5, signal_counts: { abandon: 9 } }))).toEqual({ count: 5, sum: 5, sumsq: 5 });
  });
});

describe('isMaterialChange', () => {
  const metric = (minEffect?: { absolute?: number; relative?: number }) => ({ ...DEFAULT_DRIFT_METRICS[0], minEffect });
  it('needs the larger of the absolute and the relative bar', () => {
    expect(isMaterialChange(metric({ absolute: 0.05 }), 0.3, 0.26)).toBe(false);
    expect(isMaterialChange(metric({ absolute: 0.05 }), 0.3, 0.24)).toBe(true);
    expect(isMaterialChange(metric({ absolute: 0.01, relative: 0.2 }), 0.1, 0.115)).toBe(false); // 0.015 < 0.02
    expect(isMaterialChange(metric({ absolute: 0.01, relative: 0.2 }), 0.1, 0.125)).toBe(true);
    expect(isMaterialChange(metric({ absolute: 0.01, relative: 0.2 }), 0, 0.011)).toBe(true); // relative of 0 is 0
    expect(isMaterialChange(metric(), 0.3, 0.3000001)).toBe(true); // no bar: any significant change
  });
});
