import { alertId } from './alert';
import { DriftMonitor } from './drift-monitor';
import { createMinuteSimulator } from './minute-simulator.test-helper';
import { DEFAULT_DRIFT_METRICS, type MonitorMinute } from './monitor-minute';
import { minuteOf } from './monitor-minute.test-helper';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 22, 8, 0);
const rewardOnly = DEFAULT_DRIFT_METRICS.filter((m) => m.name === 'implicit_reward');

/** Minutes of implicit reward (n per minute, sd 0.5) for one model version, the mean given per minute index. */
function rewardMinutes(seed: number, count: number, mean: (i: number) => number, over: Partial<MonitorMinute> = {}, n = 60): MonitorMinute[] {
  const sim = createMinuteSimulator(seed);
  return Array.from({ length: count }, (_, i) => {
    const s = sim.meanMinute(n, mean(i), 0.5);
    return minuteOf({ minute_ms: T0 + i * MINUTE, responses: n, reward_count: s.count, reward_sum: s.sum, reward_sumsq: s.sumsq, ...over });
  });
}

describe('DriftMonitor', () => {
  it('alerts once when a model version\'s reward falls, dated near the change, with the evidence', () => {
    const minutes = rewardMinutes(1, 180, (i) => (i < 120 ? 0.31 : 0.12), { model: 'm1', model_version: 'v2' });
    const { stats, alerts } = new DriftMonitor({ metrics: rewardOnly }).observe(minutes);
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    const change = T0 + 120 * MINUTE;
    const changeStartMs = alert.details.changeStartMs as number;
    expect(Math.abs(changeStartMs - change)).toBeLessThanOrEqual(2 * MINUTE);
    expect(alert.raised_at).toBeGreaterThanOrEqual(change);
    expect(alert.raised_at).toBeLessThan(change + 10 * MINUTE); // 0.19 is 2.9 minute-SDs (0.5 / sqrt 60)
    expect(alert).toMatchObject({ tenant: 'acme', monitor: 'drift', severity: 'warning', subject: 'm1@v2/implicit_reward', alert_id: alertId('acme', 'drift', 'm1@v2/implicit_reward', changeStartMs) });
    expect(alert.message).toMatch(/^implicit reward of m1@v2 \(acme\) fell from 0\.3\d* to 0\.1\d* since 10:0\d UTC \(CUSUM \d+\.\d > 8\)$/);
    expect(alert.details).toMatchObject({ metric: 'implicit_reward', direction: 'down', threshold: 8, model: 'm1', model_version: 'v2' });
    expect(alert.details.baselineMean as number).toBeCloseTo(0.31, 1);
    expect(alert.details.meanSinceChange as number).toBeCloseTo(0.12, 1);

    // A stats row per monitored minute: none during the 60-minute warm-up nor after the alarm's re-baseline.
    const alarmIndex = (alert.raised_at - T0) / MINUTE;
    expect(stats.map((r) => r.computed_at)).toEqual(Array.from({ length: alarmIndex - 59 }, (_, i) => T0 + (60 + i) * MINUTE));
    expect(stats.filter((r) => r.drifted === 1).map((r) => r.computed_at)).toEqual([alert.raised_at]);
    expect(stats.every((r) => r.monitor === 'drift' && r.subject === 'm1@v2/implicit_reward' && r.threshold === 8 && r.tenant === 'acme')).toBe(true);
    expect(stats.filter((r) => r.computed_at < change).every((r) => r.statistic <= 8)).toBe(true);
    expect(JSON.parse(stats[0].details)).toMatchObject({ metric: 'implicit_reward', count: 60, warming_up: false });
    expect(Object.keys(JSON.parse(stats[0].details)).sort()).toEqual(['alarm', 'baseline_mean', 'count', 'direction', 'down', 'mean', 'metric', 'up', 'warming_up', 'z']);
  });

  it('rates the direction: bad direction warning, the other info; metrics without a bad direction info', () => {
    const up = new DriftMonitor({ metrics: rewardOnly }).observe(rewardMinutes(2, 150, (i) => (i < 100 ? 0.1 : 0.4)));
    expect(up.alerts.map((a) => [a.severity, a.details.direction])).toEqual([['info', 'up']]);
    expect(up.alerts[0].message).toMatch(/ rose from /);
    const sim = createMinuteSimulator(3);
    const longer = Array.from({ length: 150 }, (_, i) => {
      const s = sim.meanMinute(40, i < 100 ? 300 : 400, 150);
      return minuteOf({ minute_ms: T0 + i * MINUTE, feature_counts: { tokens: s.count }, feature_sums: { tokens: s.sum }, feature_sumsqs: { tokens: s.sumsq } });
    });
    const tokens = new DriftMonitor().observe(longer);
    expect(tokens.alerts.map((a) => [a.subject, a.severity])).toEqual([['m1@v1/feature:tokens', 'info']]);
  });

  it('does not alert on a change too small to act on (below the metric\'s minimum effect), but re-baselines', () => {
    // 1,000 responses a minute: a 0.03 drop in reward is 1.3 minute-SDs, significant within minutes, yet below 0.05.
    const small = rewardMinutes(7, 200, (i) => (i < 100 ? 0.3 : 0.27), {}, 1000);
    const quiet = new DriftMonitor({ metrics: rewardOnly }).observe(small);
    expect(quiet.alerts).toEqual([]);
    const alarms = quiet.stats.filter((r) => JSON.parse(r.details).alarm);
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms.every((r) => r.drifted === 0)).toBe(true);
    // The same data with no minimum effect alerts: the suppression is the minimum effect, not the detector.
    const anyChange = new DriftMonitor({ metrics: rewardOnly.map((m) => ({ ...m, minEffect: undefined })) }).observe(small);
    expect(anyChange.alerts.length).toBeGreaterThan(0);
    // A drop of 0.1 clears the bar.
    expect(new DriftMonitor({ metrics: rewardOnly }).observe(rewardMinutes(8, 200, (i) => (i < 100 ? 0.3 : 0.2), {}, 1000)).alerts).toHaveLength(1);
  });

  it('keeps tenants and model versions apart: only the one that drifted alerts', () => {
    const drifting = rewardMinutes(4, 160, (i) => (i < 100 ? 0.3 : 0.05), { tenant: 'acme', model: 'm1', model_version: 'v1' });
    const otherTenant = rewardMinutes(5, 160, () => 0.3, { tenant: 'beta', model: 'm1', model_version: 'v1' });
    const otherVersion = rewardMinutes(6, 160, () => 0.3, { tenant: 'acme', model: 'm1', model_version: 'v2' });
    const monitor = new DriftMonitor();
    const { alerts, stats } = monitor.observe([...drifting, ...otherTenant, ...otherVersion]);
    expect(alerts.map((a) => `${a.tenant}/${a.subject}`)).toEqual(['acme/m1@v1/implicit_reward']);
    // Reward and the four signal rates (0 events are a rate of 0) exist in these minutes; thumbs and features do not.
    const present = ['implicit_reward', 'signal:regenerate', 'signal:followup_complaint', 'signal:rephrase', 'signal:abandon'];
    const expected = ['acme/m1@v1', 'beta/m1@v1', 'acme/m1@v2'].flatMap((s) => present.map((m) => `${s}/${m}`));
    expect(new Set(stats.map((r) => `${r.tenant}/${r.subject}`))).toEqual(new Set(expected));
    expect(monitor.subjectCount).toBe(15);
  });

  it('is idempotent and order-free: overlapping, shuffled chunks give exactly one pass\'s output', () => {
    const minutes = [...rewardMinutes(7, 200, (i) => (i < 120 ? 0.3 : 0.1)), ...rewardMinutes(8, 200, () => 0.2, { model: 'm2' })];
    const once = new DriftMonitor().observe(minutes);
    const chunked = new DriftMonitor();
    const parts = [chunked.observe(minutes.slice(0, 150)), chunked.observe(minutes), chunked.observe([...minutes.slice(100, 300)].reverse()), chunked.observe(minutes.slice(300))];
    const byTime = (r: { computed_at: number; subject: string }, s: { computed_at: number; subject: string }) => r.computed_at - s.computed_at || (r.subject < s.subject ? -1 : 1);
    expect(parts.flatMap((p) => p.stats).sort(byTime)).toEqual([...once.stats].sort(byTime));
    expect(parts.flatMap((p) => p.alerts)).toEqual(once.alerts);
    expect(once.alerts).toHaveLength(1);
    // The second chunk re-fed m1's first 150 minutes and added only the rest of them.
    expect(parts[1].stats.filter((r) => r.subject.startsWith('m1@')).every((r) => r.computed_at >= T0 + 150 * MINUTE)).toBe(true);
  });

  it('skips minutes below minCount and passes the CUSUM parameters through', () => {
    const minutes = rewardMinutes(9, 100, () => 0.3).map((m, i) => (i % 2 === 1 ? { ...m, reward_count: 5, reward_sum: 1.5, reward_sumsq: 0.9 } : m));
    const { stats } = new DriftMonitor({ metrics: rewardOnly, cusum: { baselineMinutes: 10, minCount: 20, h: 5 } }).observe(minutes);
    // 50 minutes have enough responses, 10 of them warm up: 40 rows, all at even minutes, threshold 5.
    expect(stats).toHaveLength(40);
    expect(stats.every((r) => ((r.computed_at - T0) / MINUTE) % 2 === 0 && r.threshold === 5)).toBe(true);
    expect(() => new DriftMonitor({ cusum: { h: -1 } })).toThrow(RangeError);
    expect(() => new DriftMonitor({ metrics: [rewardOnly[0], rewardOnly[0]] })).toThrow(RangeError);
  });

  it('bounds its detectors: beyond maxSubjects the subject seen longest ago is forgotten and warms up again', () => {
    const monitor = new DriftMonitor({ metrics: rewardOnly, maxSubjects: 2, cusum: { baselineMinutes: 5 } });
    const a = rewardMinutes(10, 20, () => 0.3, { model: 'a' });
    const b = rewardMinutes(11, 20, () => 0.3, { model: 'b' });
    const c = rewardMinutes(12, 20, () => 0.3, { model: 'c' });
    expect(monitor.observe([...a.slice(0, 10), ...b.slice(0, 10)]).stats).toHaveLength(10); // 5 monitored minutes each
    monitor.observe(c.slice(0, 10)); // evicts a (b was seen in the same minutes, but after a)
    expect(monitor.subjectCount).toBe(2);
    const again = monitor.observe(a.slice(10, 20));
    expect(again.stats).toHaveLength(5); // a warmed up again for 5 minutes
  });

  it('alerts without a tenant in the message when the tenant is empty', () => {
    const { alerts } = new DriftMonitor({ metrics: rewardOnly }).observe(rewardMinutes(13, 150, (i) => (i < 100 ? 0.3 : 0.0), { tenant: '' }));
    expect(alerts[0].message).toMatch(/^implicit reward of m1@v1 fell from/);
  });
});
