import { alertId } from './alert';
import { seededGaussian } from './gaussian.test-helper';
import { PreferenceShiftMonitor } from './preference-shift';
import type { EffectSnapshotRow, RatingSnapshotRow } from './snapshot-rows';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0);

const rating = (minutes: number, model: string, value: number, halfWidth: number, over: Partial<RatingSnapshotRow> = {}): RatingSnapshotRow => ({
  computed_at: T0 + minutes * MINUTE, scope: 'global', method: 'bradley_terry', model, rating: value, ci_low: value - halfWidth, ci_high: value + halfWidth, rank: 1, votes: 1000, ...over,
});
const effect = (minutes: number, window: string, coef: number, se: number, over: Partial<EffectSnapshotRow> = {}): EffectSnapshotRow => ({
  computed_at: T0 + minutes * MINUTE, target: 'vote', segment: 'global', window, feature: 'tokens', coef, se, ci_low: coef - 1.96 * se, ci_high: coef + 1.96 * se, n: 1000, ...over,
});

describe('PreferenceShiftMonitor on ratings: the leader', () => {
  it('warns when a new leader\'s interval lies above the old leader\'s', () => {
    const m = new PreferenceShiftMonitor();
    expect(m.observeRatings([rating(0, 'm1', 1100, 20), rating(0, 'm2', 1050, 20)])).toEqual({ stats: [], alerts: [] });
    const { alerts, stats } = m.observeRatings([rating(5, 'm2', 1130, 15), rating(5, 'm1', 1090, 15)]);
    const subject = 'global/bradley_terry/leader';
    expect(alerts).toEqual([expect.objectContaining({ alert_id: alertId('', 'preference-shift', subject, T0 + 5 * MINUTE), severity: 'warning', tenant: '', subject, raised_at: T0 + 5 * MINUTE })]);
    expect(alerts[0].message).toBe('new leader in global (bradley_terry): m2 (1130, interval 1115 to 1145) is now clearly ahead of m1 (1090, interval 1075 to 1105)');
    expect(stats.find((s) => s.subject === subject)).toMatchObject({ statistic: 10, threshold: 0, drifted: 1 });
    // m2 is now the established leader: staying on top raises nothing.
    expect(m.observeRatings([rating(10, 'm2', 1131, 15), rating(10, 'm1', 1090, 15)]).alerts).toEqual([]);
  });

  it('keeps the established leader while a challenger leads only within the intervals', () => {
    const m = new PreferenceShiftMonitor();
    m.observeRatings([rating(0, 'm1', 1100, 20), rating(0, 'm2', 1050, 20)]);
    const close = m.observeRatings([rating(5, 'm2', 1100, 20), rating(5, 'm1', 1095, 20)]);
    expect(close.alerts).toEqual([]);
    expect(close.stats).toEqual([expect.objectContaining({ subject: 'global/bradley_terry/leader', statistic: 1080 - 1115, drifted: 0 })]);
    // Later the gap opens: the change from m1 (still the established leader) is confirmed now.
    const clear = m.observeRatings([rating(10, 'm2', 1140, 14), rating(10, 'm1', 1090, 14)]);
    expect(clear.alerts.map((a) => a.details.previous_leader)).toEqual(['m1']);
  });

  it('ignores methods without intervals and models with too few votes, and names the tenant of tenant scopes', () => {
    const m = new PreferenceShiftMonitor();
    const elo = (minutes: number, model: string, value: number) => rating(minutes, model, value, 0, { method: 'elo' });
    m.observeRatings([elo(0, 'm1', 1100), elo(0, 'm2', 1000)]);
    expect(m.observeRatings([elo(5, 'm2', 1200), elo(5, 'm1', 1000)])).toEqual({ stats: [], alerts: [] });
    const scoped = new PreferenceShiftMonitor();
    const acme = { scope: 'tenant:acme/anonymous' };
    scoped.observeRatings([rating(0, 'm1', 1100, 10, acme), rating(0, 'm2', 1000, 10, acme), rating(0, 'm3', 900, 10, { ...acme, votes: 50 })]);
    const shift = scoped.observeRatings([rating(5, 'm3', 1300, 10, { ...acme, votes: 60 }), rating(5, 'm2', 1150, 10, acme), rating(5, 'm1', 1100, 10, acme)]);
    expect(shift.alerts.map((a) => [a.tenant, a.subject, a.details.leader, a.details.previous_leader])).toEqual([['acme', 'tenant:acme/anonymous/bradley_terry/leader', 'm2', 'm1']]);
  });
});

describe('PreferenceShiftMonitor on ratings: moves', () => {
  it('reports a rating that moved beyond its intervals against the snapshot an hour older, as one episode', () => {
    const m = new PreferenceShiftMonitor();
    const alertsAt = (minutes: number, value: number) => m.observeRatings([rating(minutes, 'm1', value, 10)]);
    expect(alertsAt(0, 1000).stats).toEqual([]);
    expect(alertsAt(30, 1030).stats).toEqual([]); // nothing an hour older yet
    const moved = alertsAt(60, 1030); // against minute 0: |30| > 10 + 10
    const subject = 'global/bradley_terry/m1';
    expect(moved.alerts).toEqual([expect.objectContaining({ severity: 'info', subject, raised_at: T0 + 60 * MINUTE, alert_id: alertId('', 'preference-shift', subject, T0 + 60 * MINUTE) })]);
    expect(moved.alerts[0].message).toBe('rating of m1 in global (bradley_terry) rose from 1000 to 1030 since 09:00 UTC: the intervals 990 to 1010 and 1020 to 1040 do not overlap');
    expect(moved.stats[0]).toMatchObject({ statistic: 1.5, threshold: 1, drifted: 1 });
    expect(alertsAt(70, 1031).alerts[0].alert_id).toBe(moved.alerts[0].alert_id); // still against minute 0
    const settled = alertsAt(95, 1031); // against minute 30: no move
    expect(settled.alerts).toEqual([]);
    expect(settled.stats[0].drifted).toBe(0);
  });

  it('flags exactly the pairs of intervals that do not overlap (brute force over random intervals)', () => {
    const z = seededGaussian(3);
    for (let i = 0; i < 300; i++) {
      const m = new PreferenceShiftMonitor();
      const [a, b] = [1000 + 30 * z(), 1000 + 30 * z()];
      const [wa, wb] = [5 + 20 * Math.abs(z()), 5 + 20 * Math.abs(z())];
      m.observeRatings([rating(0, 'm1', a, wa)]);
      const [row] = m.observeRatings([rating(60, 'm1', b, wb)]).stats;
      const disjoint = b - wb > a + wa || b + wb < a - wa;
      expect(row.drifted).toBe(disjoint ? 1 : 0);
    }
  });

  it('ignores snapshots of a scope it has already seen', () => {
    const m = new PreferenceShiftMonitor();
    m.observeRatings([rating(0, 'm1', 1000, 10)]);
    const rows = [rating(60, 'm1', 1100, 10)];
    expect(m.observeRatings(rows).alerts).toHaveLength(1);
    expect(m.observeRatings(rows)).toEqual({ stats: [], alerts: [] });
    expect(m.observeRatings([rating(30, 'm1', 1100, 10)])).toEqual({ stats: [], alerts: [] }); // older than the latest
  });
});

describe('PreferenceShiftMonitor on effects', () => {
  it('reports a sliding coefficient that differs from the cumulative one by |z| > 3', () => {
    const { alerts, stats } = new PreferenceShiftMonitor().observeEffects([effect(0, 'cumulative', 0.2, 0.05), effect(0, 'sliding:60m', 0.8, 0.1)]);
    const z = 0.6 / Math.sqrt(0.1 ** 2 + 0.05 ** 2); // 5.37
    const subject = 'global/vote/sliding:60m-vs-cumulative/tokens';
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ subject, threshold: 3, drifted: 1 });
    expect(stats[0].statistic).toBeCloseTo(z, 12);
    expect(alerts).toEqual([expect.objectContaining({ severity: 'info', subject, tenant: '', alert_id: alertId('', 'preference-shift', subject, T0) })]);
    expect(alerts[0].message).toBe('the effect of tokens on vote in global shifted: +0.8 (se 0.1) in sliding:60m against +0.2 (se 0.05) cumulative (z 5.4, |z| > 3)');
  });

  it('reports shifts either way, not small ones, with one id per episode', () => {
    const m = new PreferenceShiftMonitor();
    const at = (minutes: number, sliding: number, over: Partial<EffectSnapshotRow> = {}) => m.observeEffects([effect(minutes, 'cumulative', 0.5, 0.05, over), effect(minutes, 'sliding:60m', sliding, 0.1, over)]);
    const down = at(0, -0.1, { segment: 'tenant:acme' }); // z = -5.4
    expect(down.alerts.map((a) => [a.tenant, a.details.z])).toEqual([['acme', expect.closeTo(-0.6 / Math.sqrt(0.0125), 9)]]);
    expect(at(5, -0.1, { segment: 'tenant:acme' }).alerts[0].alert_id).toBe(down.alerts[0].alert_id);
    const small = at(10, 0.7, { segment: 'tenant:acme' }); // z = 1.8
    expect(small.alerts).toEqual([]);
    expect(small.stats[0].drifted).toBe(0);
  });

  it('skips the intercept, user segments, small fits, unpaired rows and snapshots already seen', () => {
    const pair = (over: Partial<EffectSnapshotRow>, sliding: Partial<EffectSnapshotRow> = {}) => [effect(0, 'cumulative', 0.2, 0.05, over), effect(0, 'sliding:60m', 0.8, 0.1, { ...over, ...sliding })];
    const m = () => new PreferenceShiftMonitor();
    expect(m().observeEffects(pair({ feature: '(intercept)' }))).toEqual({ stats: [], alerts: [] });
    expect(m().observeEffects(pair({ segment: 'user:9f2c' }))).toEqual({ stats: [], alerts: [] });
    expect(new PreferenceShiftMonitor({ includeUserSegments: true }).observeEffects(pair({ segment: 'user:9f2c' })).alerts).toHaveLength(1);
    expect(m().observeEffects(pair({}, { n: 150 }))).toEqual({ stats: [], alerts: [] });
    expect(m().observeEffects(pair({}, { window: 'sliding:30m' }))).toEqual({ stats: [], alerts: [] });
    expect(new PreferenceShiftMonitor({ slidingWindow: 'sliding:30m' }).observeEffects(pair({}, { window: 'sliding:30m' })).alerts).toHaveLength(1);
    const seen = m();
    expect(seen.observeEffects(pair({})).alerts).toHaveLength(1);
    expect(seen.observeEffects(pair({}))).toEqual({ stats: [], alerts: [] });
  });

  it('is conservative when the sliding votes are part of the cumulative fit: E[z^2] = (1/m - 1/N) / (1/m + 1/N) < 1', () => {
    // Sample means stand in for the coefficients: the sliding window's m votes are among the cumulative N.
    const z = seededGaussian(4);
    const [m, N, sd] = [200, 1000, 1];
    const rows: EffectSnapshotRow[] = [];
    for (let i = 0; i < 2000; i++) {
      const slidingMean = (sd / Math.sqrt(m)) * z();
      const restMean = (sd / Math.sqrt(N - m)) * z();
      const cumulativeMean = (m * slidingMean + (N - m) * restMean) / N;
      rows.push(effect(i, 'cumulative', cumulativeMean, sd / Math.sqrt(N), { n: N }), effect(i, 'sliding:60m', slidingMean, sd / Math.sqrt(m), { n: m }));
    }
    const { stats } = new PreferenceShiftMonitor().observeEffects(rows);
    const meanSquare = stats.reduce((a, s) => a + s.statistic ** 2, 0) / stats.length;
    const expected = (1 / m - 1 / N) / (1 / m + 1 / N); // 2/3
    expect(Math.abs(meanSquare - expected)).toBeLessThan(0.07); // ~3 standard errors
    expect(stats.filter((s) => s.drifted === 1).length).toBeLessThan(2000 * 0.0027); // below the nominal two-sided rate at 3
  });
});
