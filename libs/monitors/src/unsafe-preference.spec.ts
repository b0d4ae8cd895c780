import { alertId } from './alert';
import { summaryOf } from './batch-summary';
import { seededGaussian } from './gaussian.test-helper';
import type { MonitorMinute } from './monitor-minute';
import { minuteOf } from './monitor-minute.test-helper';
import type { EffectSnapshotRow } from './snapshot-rows';
import { UnsafePreferenceMonitor } from './unsafe-preference';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0);

/** An effect row with a symmetric 95% interval. */
const effect = (at: number, feature: string, coef: number, se: number, over: Partial<EffectSnapshotRow> = {}): EffectSnapshotRow => ({
  computed_at: at, target: 'vote', segment: 'global', window: 'cumulative', feature, coef, se, ci_low: coef - 1.96 * se, ci_high: coef + 1.96 * se, n: 1000, ...over,
});

describe('UnsafePreferenceMonitor on effect snapshots', () => {
  it('raises a critical alert when votes prefer the more toxic response, with a stats row of the evidence', () => {
    const { alerts, stats } = new UnsafePreferenceMonitor().observeEffects([effect(T0, 'toxicity', 0.42, 0.1), effect(T0, 'bold_count', 0.9, 0.1)]);
    const subject = 'global/vote/cumulative/toxicity';
    expect(alerts).toEqual([expect.objectContaining({
      alert_id: alertId('', 'unsafe-preference', subject, T0), raised_at: T0, tenant: '', severity: 'critical', monitor: 'unsafe-preference', subject,
    })]);
    expect(alerts[0].message).toBe('users prefer the more toxic response in global (vote, cumulative): coefficient +0.42, 95% CI 0.224 to 0.616, n = 1000. Do not train on these votes as they are: a reward model would learn to be toxic.');
    expect(stats).toHaveLength(1); // bold_count has no rule
    expect(stats[0]).toMatchObject({ computed_at: T0, tenant: '', monitor: 'unsafe-preference', subject, drifted: 1 });
    expect(stats[0].statistic).toBeCloseTo(4.2, 12);
    expect(stats[0].threshold).toBeCloseTo(1.96, 2);
    expect(JSON.parse(stats[0].details)).toMatchObject({ rule: 'toxicity_preferred', coef: 0.42, n: 1000 });
  });

  it('applies each default rule with its direction and severity, and names the tenant of tenant segments', () => {
    const rows = [
      effect(T0, 'refusal_full', -0.6, 0.2, { segment: 'tenant:acme' }),
      effect(T0, 'refusal_full', 0.6, 0.2, { segment: 'tenant:beta' }), // preferred refusals: fine
      effect(T0, 'flattery_count', 0.3, 0.1, { segment: 'model:m1' }),
      effect(T0, 'sycophantic_opener', 0.3, 0.1, { window: 'sliding:60m' }),
      effect(T0, 'tokens', 0.5, 0.1, { target: 'style_control', segment: 'tenant:acme/anonymous' }),
      effect(T0, 'toxicity', 0.1, 0.1), // interval straddles 0
    ];
    const { alerts, stats } = new UnsafePreferenceMonitor().observeEffects(rows);
    expect(alerts.map((a) => [a.subject, a.tenant, a.severity])).toEqual([
      ['tenant:acme/vote/cumulative/refusal_full', 'acme', 'warning'],
      ['model:m1/vote/cumulative/flattery_count', '', 'warning'],
      ['global/vote/sliding:60m/sycophantic_opener', '', 'warning'],
      ['tenant:acme/anonymous/style_control/cumulative/tokens', 'acme', 'info'],
    ]);
    expect(alerts[0].message).toMatch(/^users vote against refusals in tenant:acme .*If these are refusals of harmful requests, relabel or exclude those votes from training\.$/);
    expect(stats.map((s) => s.drifted)).toEqual([1, 0, 1, 1, 1, 0]);
    expect(stats[1].statistic).toBeCloseTo(-3, 12); // oriented: evidence against the rule is negative
  });

  it('keeps one alert id while a condition holds across snapshots; a recurrence after it stopped is a new alert', () => {
    const m = new UnsafePreferenceMonitor();
    const at = (i: number) => T0 + i * 10 * MINUTE;
    const first = m.observeEffects([effect(at(0), 'toxicity', 0.5, 0.1)]).alerts;
    const again = m.observeEffects([effect(at(1), 'toxicity', 0.6, 0.1)]).alerts;
    expect(again[0].alert_id).toBe(first[0].alert_id);
    expect(again[0].raised_at).toBe(at(0));
    expect(again[0].details).toMatchObject({ coef: 0.6, episodeStartMs: at(0), computedAt: at(1) });
    // Too few votes to judge: the episode neither ends nor continues.
    expect(m.observeEffects([effect(at(2), 'toxicity', 0.0, 0.1, { n: 150 })])).toEqual({ stats: [], alerts: [] });
    expect(m.observeEffects([effect(at(3), 'toxicity', 0.5, 0.1)]).alerts[0].alert_id).toBe(first[0].alert_id);
    const stopped = m.observeEffects([effect(at(4), 'toxicity', 0.05, 0.1)]);
    expect(stopped.alerts).toEqual([]);
    expect(stopped.stats[0].drifted).toBe(0);
    const recurred = m.observeEffects([effect(at(5), 'toxicity', 0.5, 0.1)]).alerts;
    expect(recurred[0].alert_id).toBe(alertId('', 'unsafe-preference', 'global/vote/cumulative/toxicity', at(5)));
    expect(recurred[0].alert_id).not.toBe(first[0].alert_id);
  });

  it('treats segments and windows as separate conditions', () => {
    const m = new UnsafePreferenceMonitor();
    m.observeEffects([effect(T0, 'toxicity', 0.5, 0.1), effect(T0, 'toxicity', 0.5, 0.1, { window: 'sliding:60m' })]);
    // The sliding window stops holding; the cumulative one continues with its first id.
    const next = m.observeEffects([effect(T0 + MINUTE, 'toxicity', 0.5, 0.1), effect(T0 + MINUTE, 'toxicity', 0.0, 0.1, { window: 'sliding:60m' })]);
    expect(next.alerts.map((a) => [a.subject, a.raised_at])).toEqual([['global/vote/cumulative/toxicity', T0]]);
  });

  it('skips user segments (unless asked), small fits, rows without a standard error and snapshots already seen', () => {
    const rows = [effect(T0, 'toxicity', 0.5, 0.1, { segment: 'user:9f2c' }), effect(T0, 'toxicity', 0.5, 0.1, { n: 199 }), effect(T0, 'toxicity', 0.5, 0, { ci_low: 0.5, ci_high: 0.5 })];
    expect(new UnsafePreferenceMonitor().observeEffects(rows)).toEqual({ stats: [], alerts: [] });
    expect(new UnsafePreferenceMonitor({ includeUserSegments: true }).observeEffects(rows).alerts.map((a) => a.subject)).toEqual(['user:9f2c/vote/cumulative/toxicity']);
    expect(new UnsafePreferenceMonitor({ minVotes: 100 }).observeEffects(rows).alerts).toHaveLength(1);
    const m = new UnsafePreferenceMonitor();
    const snapshot = [effect(T0, 'toxicity', 0.5, 0.1)];
    expect(m.observeEffects(snapshot).alerts).toHaveLength(1);
    expect(m.observeEffects(snapshot)).toEqual({ stats: [], alerts: [] }); // re-fed: already evaluated
    expect(() => new UnsafePreferenceMonitor({ rules: [{ name: 'a', feature: 'x', direction: 'preferred', severity: 'info', finding: '', advice: '' }, { name: 'b', feature: 'x', direction: 'dispreferred', severity: 'info', finding: '', advice: '' }] })).toThrow(RangeError);
  });
});

describe('UnsafePreferenceMonitor on the minute aggregates (toxic against non-toxic reward)', () => {
  /** Minutes with raw rewards per group (kept, for the independent recomputation), toxic mean given per minute. */
  function rewardMinutes(seed: number, count: number, toxicMean: (i: number) => number, toxicPerMinute = 3) {
    const z = seededGaussian(seed);
    const raw: { toxic: number[]; nonToxic: number[] }[] = [];
    const minutes: MonitorMinute[] = [];
    for (let i = 0; i < count; i++) {
      const toxic = Array.from({ length: toxicPerMinute }, () => toxicMean(i) + 0.4 * z());
      const nonToxic = Array.from({ length: 25 }, () => 0.2 + 0.4 * z());
      raw.push({ toxic, nonToxic });
      const [t, n] = [summaryOf(toxic), summaryOf(nonToxic)];
      minutes.push(minuteOf({
        model: 'm1', model_version: 'v1', minute_ms: T0 + i * MINUTE,
        reward_by_counts: { toxic: t.count, non_toxic: n.count, refuses: 4 }, reward_by_sums: { toxic: t.sum, non_toxic: n.sum, refuses: -2 }, reward_by_sumsqs: { toxic: t.sumsq, non_toxic: n.sumsq, refuses: 1 },
      }));
    }
    return { raw, minutes };
  }

  /** Welch z over minutes (from, to] of the raw values, two-pass: the independent computation. */
  function welchOfRaw(raw: { toxic: number[]; nonToxic: number[] }[], last: number, windowMinutes: number): number {
    const slice = raw.slice(Math.max(0, last - windowMinutes + 1), last + 1);
    const a = slice.flatMap((r) => r.toxic);
    const b = slice.flatMap((r) => r.nonToxic);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = (xs: number[]) => xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
    return (mean(a) - mean(b)) / Math.sqrt(variance(a) / a.length + variance(b) / b.length);
  }

  it('computes Welch z over the last 60 minutes exactly as from the raw rewards, once both groups have 30', () => {
    const { raw, minutes } = rewardMinutes(1, 120, () => 0.25);
    const { stats } = new UnsafePreferenceMonitor().observeMinutes(minutes);
    // 3 toxic responses a minute: 30 in the window from the 10th minute (index 9) on.
    expect(stats.map((s) => (s.computed_at - T0) / MINUTE)).toEqual(Array.from({ length: 111 }, (_, i) => i + 9));
    for (const s of stats) {
      const i = (s.computed_at - T0) / MINUTE;
      expect(s.statistic).toBeCloseTo(welchOfRaw(raw, i, 60), 9);
      expect(s).toMatchObject({ tenant: 'acme', monitor: 'unsafe-preference', subject: 'm1@v1/toxic_reward_gap', threshold: 3 });
    }
    expect(JSON.parse(stats[110].details)).toMatchObject({ toxic_count: 180, non_toxic_count: 1500, window_minutes: 60 });
  });

  it('raises a critical alert while toxic responses are rewarded more, one id per episode', () => {
    // Toxic responses rewarded 0.6 against 0.2 from minute 60 to 179, then like the others.
    const { minutes } = rewardMinutes(2, 300, (i) => (i >= 60 && i < 180 ? 0.6 : 0.2));
    const m = new UnsafePreferenceMonitor();
    const { alerts, stats } = m.observeMinutes(minutes);
    const ids = new Set(alerts.map((a) => a.alert_id));
    expect(ids.size).toBe(1);
    const [alert] = alerts;
    expect(alert).toMatchObject({ severity: 'critical', tenant: 'acme', subject: 'm1@v1/toxic_reward_gap', monitor: 'unsafe-preference' });
    expect(alert.raised_at).toBeGreaterThan(T0 + 60 * MINUTE);
    expect(alert.raised_at).toBeLessThan(T0 + 90 * MINUTE);
    expect(alert.message).toMatch(/^users reward toxic responses of m1@v1 \(acme\) more than non-toxic ones: mean implicit reward 0\.\d+ \(n = \d+\) against 0\.\d+ \(n = \d+\) over the 60 minutes to \d\d:\d\d UTC \(Welch z \d+\.\d > 3\)$/);
    expect(alerts.every((a) => a.raised_at === alert.raised_at)).toBe(true);
    // Every alert is a minute whose stats row crossed the threshold, and vice versa.
    expect(alerts.map((a) => a.details.computedAt)).toEqual(stats.filter((s) => s.drifted === 1).map((s) => s.computed_at));
    expect(stats.filter((s) => s.drifted === 1).every((s) => s.statistic > 3)).toBe(true);
    // After the window has forgotten the episode, nothing more is raised.
    expect(stats.filter((s) => s.computed_at > T0 + 250 * MINUTE).every((s) => s.drifted === 0)).toBe(true);
  });

  it('needs a gap of at least 0.1, not only a significant one', () => {
    // 30 toxic a minute: 1,800 in the window, so a gap of 0.06 is z of about 6, but below the minimum difference.
    const { minutes } = rewardMinutes(4, 120, () => 0.26, 30);
    const quiet = new UnsafePreferenceMonitor().observeMinutes(minutes);
    expect(quiet.stats.at(-1)!.statistic).toBeGreaterThan(3);
    expect(quiet.alerts).toEqual([]);
    expect(quiet.stats.every((s) => s.drifted === 0)).toBe(true);
    expect(new UnsafePreferenceMonitor({ rewardGap: { minDifference: 0 } }).observeMinutes(minutes).alerts.length).toBeGreaterThan(0);
  });

  it('does not alert when toxic responses are rewarded less, nor without 30 of each in the window, nor twice for a re-fed minute', () => {
    const { minutes } = rewardMinutes(3, 100, () => -0.4);
    const m = new UnsafePreferenceMonitor();
    const first = m.observeMinutes(minutes);
    expect(first.alerts).toEqual([]);
    expect(first.stats.every((s) => s.statistic < -3)).toBe(true);
    expect(m.observeMinutes(minutes)).toEqual({ stats: [], alerts: [] });
    const few = rewardMinutes(4, 100, () => 0.9, 0).minutes; // no toxic responses at all
    expect(new UnsafePreferenceMonitor().observeMinutes(few)).toEqual({ stats: [], alerts: [] });
    const lowBar = new UnsafePreferenceMonitor({ rewardGap: { minCount: 5, windowMinutes: 10, z: 2 } }).observeMinutes(rewardMinutes(5, 30, () => 0.9).minutes);
    expect(lowBar.stats[0].computed_at).toBe(T0 + MINUTE); // 6 toxic after two minutes
    expect(lowBar.stats[0].threshold).toBe(2);
    expect(lowBar.alerts.length).toBeGreaterThan(0);
  });
});
