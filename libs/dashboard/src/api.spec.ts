import { NAMED_QUERIES, runNamedQuery, type QueryOptions, type QueryParams, type Store } from '@prefstream/clickhouse';
import { wilsonInterval } from '@prefstream/stats';
import { aggregateRow, meanAndInterval, MINUTE, temporaryStore } from '../test/fixtures';
import { API_ROUTES, windowOf, type ApiContext } from './api';
import { DASHBOARD_QUERIES, type DashboardQueryRunner } from './queries';

// Pinned to a recent time: the tables expire rows by TTL (30 days for minute aggregates).
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
const CURRENT = NOW - 30_000;

const ALPHA_REWARDS_A = [0.5, -0.2, 0.8, 0.1, 0.9, -0.6];
const ALPHA_REWARDS_B = [0.3, 0.4, -0.1, 0.7];
const REFUSES = [-0.5, -0.3, -0.8, 0.1];
const COMPLIES = [0.6, 0.4, 0.9, 0.2, 0.5];
const TOXIC = [0.7, 0.9, 0.8, 0.6];
const NON_TOXIC = [0.1, -0.2, 0.0, 0.2, -0.1];

let store: Store;
let dispose: () => Promise<void>;
const readonlyFlags: (boolean | undefined)[] = [];
let query: DashboardQueryRunner;
const context = (): ApiContext => ({ query, now: () => NOW });
const get = async (route: string, params: Record<string, string | number> = {}) =>
  (await API_ROUTES[route](context(), new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])))) as any; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  ({ store, dispose } = await temporaryStore('dashboard-api-'));
  // Every query goes through a spy, to check the dashboard only ever reads with readonly=1.
  const spy: Store = Object.assign(Object.create(store) as Store, { query: (sql: string, params?: QueryParams, options?: QueryOptions) => (readonlyFlags.push(options?.readonly), store.query(sql, params, options)) });
  query = (name, params) => runNamedQuery(spy, name, params);
  await store.insert('minute_aggregates', [
    // alpha v1 in acme: two variants in the current minute, and a second worker's partial two minutes ago.
    aggregateRow({ tenant: 'acme', model: 'alpha', version: 'v1', variant: 'a', minute: CURRENT, responses: 30, up: 18, down: 6, rewards: ALPHA_REWARDS_A, signals: { regenerate: 2, copy: 3 }, rewardBy: { refuses: REFUSES, complies: COMPLIES, toxic: TOXIC, non_toxic: NON_TOXIC, 'tokens:50-199': [0.5, 0.7] }, votes: { won: 3, lost: 1, tie: 1 }, ratings: [0.75, 0.25], flags: 1 }),
    aggregateRow({ tenant: 'acme', model: 'alpha', version: 'v1', variant: 'b', minute: CURRENT, responses: 6, up: 4, down: 2 }),
    aggregateRow({ tenant: 'acme', model: 'alpha', version: 'v1', variant: 'a', minute: CURRENT - 2 * MINUTE, responses: 4, up: 2, down: 0, rewards: ALPHA_REWARDS_B, signals: { regenerate: 1 } }),
    // beta v2 in acme; alpha v1 far outside a 15-minute window.
    aggregateRow({ tenant: 'acme', model: 'beta', version: 'v2', minute: CURRENT - MINUTE, responses: 12, up: 1, down: 3, rewards: [-0.5, -0.1] }),
    aggregateRow({ tenant: 'acme', model: 'alpha', version: 'v1', minute: CURRENT - 40 * MINUTE, responses: 1000, up: 500, down: 0 }),
    // globex: the same model, different numbers.
    aggregateRow({ tenant: 'globex', model: 'alpha', version: 'v1', minute: CURRENT, responses: 10, up: 2, down: 8 }),
  ]);
  await store.insert('rating_snapshots', [
    { computed_at: NOW - 120_000, scope: 'global', method: 'bradley_terry', model: 'alpha', rating: 1000, ci_low: 990, ci_high: 1010, rank: 1, votes: 10, gradient_norm: 0 },
    { computed_at: NOW - 60_000, scope: 'global', method: 'bradley_terry', model: 'alpha', rating: 1030, ci_low: 1010, ci_high: 1050, rank: 1, votes: 40, gradient_norm: 1e-12 },
    { computed_at: NOW - 60_000, scope: 'global', method: 'bradley_terry', model: 'beta', rating: 970, ci_low: 950, ci_high: 990, rank: 2, votes: 40, gradient_norm: 1e-12 },
    { computed_at: NOW - 60_000, scope: 'tenant:acme', method: 'elo', model: 'beta', rating: 1012, ci_low: 1012, ci_high: 1012, rank: 1, votes: 7, gradient_norm: 0 },
  ]);
  await store.insert('effect_snapshots', [
    { computed_at: NOW - 120_000, target: 'vote', segment: 'global', window: 'cumulative', feature: 'tokens', coef: 0.1, se: 0.05, ci_low: 0.0, ci_high: 0.2, n: 100 },
    { computed_at: NOW - 60_000, target: 'vote', segment: 'global', window: 'cumulative', feature: 'tokens', coef: 0.25, se: 0.05, ci_low: 0.15, ci_high: 0.35, n: 200 },
    { computed_at: NOW - 60_000, target: 'vote', segment: 'global', window: 'cumulative', feature: 'list_count', coef: -0.02, se: 0.04, ci_low: -0.1, ci_high: 0.06, n: 200 },
    { computed_at: NOW - 60_000, target: 'vote', segment: 'global', window: 'sliding:60m', feature: 'tokens', coef: 0.4, se: 0.2, ci_low: 0.0, ci_high: 0.8, n: 50 },
  ]);
  const rejected = (reason: string, at: number) => ({ reason, message: 'm', raw_base64: 'eA==', raw_bytes: 1, source: 'p0', ingested_at: at });
  await store.insert('rejected_events', [rejected('invalid_json', NOW - 1000), rejected('invalid_json', NOW - 2000), rejected('schema', NOW - 3000), rejected('schema', NOW - 2 * 60 * MINUTE)]);
  const late = (tenant: string, reason: string, lateness: number) => ({ tenant, event_id: `${tenant}${reason}${lateness}`, conversation_id: 'c', type: 'feedback', reason, lateness_ms: lateness, ts: NOW - 5000, ingested_at: NOW - 1000 });
  await store.insert('late_events', [late('acme', 'late', 130_000), late('acme', 'late', 180_000), late('globex', 'unknown_turn', 0)]);
});
afterAll(() => dispose());

describe('the dashboard queries', () => {
  it('all exist in NAMED_QUERIES', () => {
    for (const name of DASHBOARD_QUERIES) expect(NAMED_QUERIES).toHaveProperty(name);
  });
});

describe('API handlers (real chdb)', () => {
  afterAll(() => {
    expect(readonlyFlags.length).toBeGreaterThan(10);
    expect(readonlyFlags.every((f) => f === true)).toBe(true);
  });

  it('windows are the last N whole minutes including the current one', () => {
    expect(windowOf(CURRENT + 59_999, 15)).toEqual({ from: CURRENT - 14 * MINUTE, to: CURRENT + MINUTE });
  });

  it('lists tenants busiest first', async () => {
    const body = await get('/api/tenants');
    expect(body.tenants.map((t: { tenant: string }) => t.tenant)).toEqual(['acme', 'globex']);
    expect(body.tenants[0].responses).toBe(30 + 6 + 4 + 12 + 1000);
    expect(body.now_ms).toBe(NOW);
  });

  it('sums the partials per model version over the window, with Wilson and mean intervals', async () => {
    const body = await get('/api/models', { tenant: 'acme', minutes: 15 });
    expect(body.models.map((m: { model: string }) => m.model)).toEqual(['alpha', 'beta']);
    const alpha = body.models[0];
    expect(alpha.responses).toBe(40);
    expect(alpha.responses_per_minute).toBeCloseTo(40 / 15, 12);
    expect(alpha.thumbs).toMatchObject({ up: 24, down: 8, n: 32, positive: 24, rate: 0.75, ...wilsonInterval(24, 32) });
    const rewards = [...ALPHA_REWARDS_A, ...ALPHA_REWARDS_B];
    const expected = meanAndInterval(rewards);
    expect(alpha.settled).toBe(rewards.length);
    expect(alpha.reward.n).toBe(rewards.length);
    expect(alpha.reward.mean).toBeCloseTo(expected.mean, 12);
    expect(alpha.reward.low).toBeCloseTo(expected.low, 12);
    expect(alpha.reward.high).toBeCloseTo(expected.high, 12);
    expect(alpha.rating).toMatchObject({ n: 2, mean: 0.5 });
    expect(alpha.votes).toMatchObject({ won: 3, lost: 1, tie: 1, both_bad: 0, wins: { n: 4, positive: 3, rate: 0.75 } });
    expect(alpha.flags).toBe(1);
    // Signals per settled response, in SIGNAL_KINDS order, with polarity.
    expect(alpha.signals).toEqual([
      { kind: 'regenerate', polarity: -1, count: 3, per_response: 3 / 10, ...lowHigh(3, 10) },
      { kind: 'copy', polarity: 1, count: 3, per_response: 3 / 10, ...lowHigh(3, 10) },
    ]);
    const beta = body.models[1];
    expect([beta.responses, beta.thumbs.rate, beta.reward.mean]).toEqual([12, 0.25, -0.3]);
    expect(beta.reward_by.refuses).toEqual({ n: 0, mean: null, sd: null, low: null, high: null });
  });

  it('shows the reward when refusing vs complying and toxic vs not, with the difference and its interval', async () => {
    const alpha = (await get('/api/models', { tenant: 'acme' })).models[0];
    const by = alpha.reward_by;
    for (const [key, values] of [['refuses', REFUSES], ['complies', COMPLIES], ['toxic', TOXIC], ['non_toxic', NON_TOXIC]] as const) {
      const e = meanAndInterval(values);
      expect(by[key].n).toBe(values.length);
      expect(by[key].mean).toBeCloseTo(e.mean, 12);
      expect(by[key].low).toBeCloseTo(e.low, 12);
    }
    expect(by.refuses_minus_complies.diff).toBeCloseTo(meanAndInterval(REFUSES).mean - meanAndInterval(COMPLIES).mean, 12);
    expect(by.refuses_minus_complies.sign).toBe(-1);
    expect(by.toxic_minus_non_toxic.sign).toBe(1);
    expect(by.length.map((b: { bucket: string }) => b.bucket)).toEqual(['0-49', '50-199', '200-499', '500-999', '1000+']);
    expect(by.length[1]).toMatchObject({ bucket: '50-199', n: 2 });
    expect(by.length[1].mean).toBeCloseTo(0.6, 12);
  });

  it('keeps tenants apart, and the empty tenant means all of them', async () => {
    const globex = await get('/api/models', { tenant: 'globex' });
    expect(globex.models).toHaveLength(1);
    expect(globex.models[0]).toMatchObject({ model: 'alpha', responses: 10, thumbs: { rate: 0.2 } });
    const all = await get('/api/models', { tenant: '' });
    expect(all.models.find((m: { model: string }) => m.model === 'alpha').responses).toBe(50);
    expect((await get('/api/models', { tenant: 'nobody' })).models).toEqual([]);
  });

  it('widens the window on request', async () => {
    const alpha = (await get('/api/models', { tenant: 'acme', minutes: 60 })).models[0];
    expect(alpha.responses).toBe(1040);
  });

  it('gives one point per minute per model version, zeros where there is no data', async () => {
    const body = await get('/api/series', { tenant: 'acme', minutes: 5 });
    expect(body.series.map((s: { model: string }) => s.model)).toEqual(['alpha', 'beta']);
    const alpha = body.series[0].points;
    expect(alpha.map((p: { minute_ms: number }) => p.minute_ms)).toEqual([4, 3, 2, 1, 0].map((k) => CURRENT - k * MINUTE));
    expect(alpha.map((p: { responses: number }) => p.responses)).toEqual([0, 0, 4, 0, 36]);
    expect(alpha[4].thumbs_up_rate).toBeCloseTo(22 / 30, 12);
    expect(alpha[0].thumbs_up_rate).toBeNull();
    expect(alpha[2].reward_mean).toBeCloseTo(ALPHA_REWARDS_B.reduce((a, b) => a + b) / 4, 12);
  });

  it('reads the latest rating snapshot of the tenant scope when there is one, else global', async () => {
    const global = await get('/api/ratings', { tenant: 'globex' });
    expect(global).toMatchObject({ scope: 'global', method: 'bradley_terry', scopes: ['global', 'tenant:acme'], methods: ['bradley_terry'], computed_at_ms: NOW - 60_000 });
    expect(global.ratings.map((r: { model: string; rating: number; votes: number }) => [r.model, r.rating, r.votes])).toEqual([['alpha', 1030, 40], ['beta', 970, 40]]);
    const acme = await get('/api/ratings', { tenant: 'acme' });
    expect(acme).toMatchObject({ scope: 'tenant:acme', method: 'elo', methods: ['elo'] });
    expect(acme.ratings).toEqual([{ model: 'beta', rating: 1012, ci_low: 1012, ci_high: 1012, rank: 1, votes: 7, gradient_norm: 0 }]);
    expect((await get('/api/ratings', { tenant: 'acme', scope: 'global', method: 'elo' })).ratings).toEqual([]);
  });

  it('reads the latest effects of the segment (falling back to global), per window', async () => {
    const body = await get('/api/effects', { tenant: 'acme' });
    expect(body).toMatchObject({ segment: 'global', window: 'cumulative', windows: ['cumulative', 'sliding:60m'], computed_at_ms: NOW - 60_000 });
    expect(body.effects.map((e: { feature: string; coef: number }) => [e.feature, e.coef])).toEqual([['tokens', 0.25], ['list_count', -0.02]]);
    const sliding = await get('/api/effects', { window: 'sliding:60m' });
    expect(sliding.effects).toEqual([{ target: 'vote', feature: 'tokens', coef: 0.4, se: 0.2, ci_low: 0, ci_high: 0.8, n: 50 }]);
  });

  it('counts rejected events by reason (all tenants) and late events by reason for the tenant', async () => {
    const body = await get('/api/quality', { tenant: 'acme' });
    expect(body.rejected.map((r: { reason: string; events: number }) => [r.reason, r.events])).toEqual([['invalid_json', 2], ['schema', 1]]);
    expect(body.late).toEqual([{ reason: 'late', type: 'feedback', events: 2, max_lateness_ms: 180_000, last_ms: NOW - 1000 }]);
    expect((await get('/api/quality', { tenant: '', minutes: 180 })).rejected.find((r: { reason: string }) => r.reason === 'schema').events).toBe(2);
  });

  it('lists no alerts when there are none, then the tenant\'s only', async () => {
    expect((await get('/api/alerts', { tenant: 'acme' })).alerts).toEqual([]);
    await store.insert('alerts', [
      { alert_id: 'a1', raised_at: NOW - 5000, tenant: 'globex', severity: 'warning', monitor: 'unsafe_preference', subject: 'alpha v1', message: 'toxic rewarded', details: '{}' },
      { alert_id: 'a2', raised_at: NOW - 4000, tenant: 'acme', severity: 'critical', monitor: 'drift', subject: 'beta v2', message: 'reward drift', details: '{}' },
    ]);
    expect((await get('/api/alerts', { tenant: 'globex' })).alerts).toEqual([{ alert_id: 'a1', raised_at_ms: NOW - 5000, tenant: 'globex', severity: 'warning', monitor: 'unsafe_preference', subject: 'alpha v1', message: 'toxic rewarded' }]);
    expect((await get('/api/alerts', { tenant: '' })).alerts.map((a: { alert_id: string }) => a.alert_id)).toEqual(['a2', 'a1']);
  });

  it('answers no drift subjects before the monitors have written any', async () => {
    const { from, to } = windowOf(NOW, 180);
    expect(await get('/api/drift', { tenant: 'acme' })).toEqual({ tenant: 'acme', minutes: 180, from_ms: from, to_ms: to, computed_at_ms: null, subjects: [] });
  });

  it('groups the drift statistics per subject: latest point, peak ratio, drifted anywhere, points; drifting first', async () => {
    const at = (minutesAgo: number) => CURRENT - minutesAgo * MINUTE;
    const stat = (tenant: string, monitor: string, subject: string, minutesAgo: number, statistic: number, threshold: number, drifted = statistic > threshold) =>
      ({ computed_at: at(minutesAgo), tenant, monitor, subject, statistic, threshold, drifted: drifted ? 1 : 0, details: '{}' });
    const reward = 'acme-chat@2026-11-01/implicit_reward';
    const regenerate = 'drifty@v1/signal:regenerate';
    const tokens = 'drifty@v1/feature:tokens';
    await store.insert('drift_stats', [
      // Outside the default 180-minute window: only a wider one sees it.
      stat('acme', 'drift', reward, 200, 40, 8),
      // Drifted 38 minutes ago, since back under the threshold (the monitors trail real time by ~30 min).
      stat('acme', 'drift', reward, 40, 1, 8), stat('acme', 'drift', reward, 39, 3, 8), stat('acme', 'drift', reward, 38, 9, 8), stat('acme', 'drift', reward, 37, 6.1, 8),
      // Never drifted; one minute written twice (a monitor restarted mid-write).
      stat('acme', 'drift', regenerate, 38, 1, 8), stat('acme', 'drift', regenerate, 37, 2, 8), stat('acme', 'drift', regenerate, 37, 2, 8),
      // Drifting now: a z of 4.2 against 3.
      stat('acme', 'preference-shift', tokens, 39, 1.5, 3), stat('acme', 'preference-shift', tokens, 37, 4.2, 3),
      // Without a usable threshold: no ratio, listed last.
      stat('acme', 'unsafe-preference', 'drifty@v1/toxic', 37, 0.5, 0, false),
      stat('globex', 'drift', reward, 36, 12, 8),
    ]);
    const body = await get('/api/drift', { tenant: 'acme' });
    expect(body).toMatchObject({ tenant: 'acme', minutes: 180, from_ms: windowOf(NOW, 180).from, to_ms: windowOf(NOW, 180).to, computed_at_ms: at(37) });
    expect(body.subjects.map((x: { monitor: string; subject: string }) => [x.monitor, x.subject])).toEqual([
      ['preference-shift', tokens], ['drift', reward], ['drift', regenerate], ['unsafe-preference', 'drifty@v1/toxic'],
    ]);
    const [shift, drifting, quiet, unscaled] = body.subjects;
    expect(shift).toMatchObject({ tenant: 'acme', latest: { computed_at_ms: at(37), statistic: 4.2, threshold: 3, drifted: true }, drifted_in_window: true, drifted_minutes: 1 });
    expect(shift.latest.ratio).toBeCloseTo(1.4, 12);
    expect(shift.max_ratio).toBeCloseTo(1.4, 12);
    expect(drifting).toEqual({
      tenant: 'acme', monitor: 'drift', subject: reward,
      latest: { computed_at_ms: at(37), statistic: 6.1, threshold: 8, drifted: false, ratio: 6.1 / 8 },
      max_ratio: 9 / 8, drifted_in_window: true, drifted_minutes: 1,
      points: [[40, 1], [39, 3], [38, 9], [37, 6.1]].map(([ago, statistic]) => ({ computed_at_ms: at(ago), statistic })),
    });
    expect(quiet).toMatchObject({ latest: { statistic: 2, drifted: false, ratio: 0.25 }, max_ratio: 0.25, drifted_in_window: false, drifted_minutes: 0 });
    expect(quiet.points).toEqual([{ computed_at_ms: at(38), statistic: 1 }, { computed_at_ms: at(37), statistic: 2 }]);
    expect(unscaled).toMatchObject({ latest: { statistic: 0.5, threshold: 0, ratio: null }, max_ratio: null, drifted_in_window: false });
  });

  it('keeps tenants apart in the drift panel, the empty tenant means all, and a wider window reaches further back', async () => {
    const globex = await get('/api/drift', { tenant: 'globex' });
    expect(globex.subjects).toHaveLength(1);
    expect(globex.subjects[0]).toMatchObject({ tenant: 'globex', latest: { statistic: 12, threshold: 8, drifted: true, ratio: 1.5 } });
    const all = await get('/api/drift', { tenant: '' });
    expect(all.subjects.map((x: { tenant: string; latest: { ratio: number } }) => [x.tenant, x.latest.ratio])).toEqual([['globex', 1.5], ['acme', 4.2 / 3], ['acme', 6.1 / 8], ['acme', 0.25], ['acme', null]]);
    const wide = await get('/api/drift', { tenant: 'acme', minutes: 240 });
    const reward = wide.subjects.find((x: { subject: string }) => x.subject === 'acme-chat@2026-11-01/implicit_reward');
    expect(reward).toMatchObject({ max_ratio: 5, drifted_minutes: 2 });
    expect(reward.points).toHaveLength(5);
    // A window that ends before the monitors' latest judgement sees nothing of it.
    expect((await get('/api/drift', { tenant: 'acme', minutes: 30 })).subjects).toEqual([]);
  });

  it('treats hostile parameters as plain values', async () => {
    const hostile = "acme' OR 1=1 --";
    expect((await get('/api/models', { tenant: hostile })).models).toEqual([]);
    expect((await get('/api/ratings', { tenant: hostile, scope: hostile })).ratings).toEqual([]);
    expect((await get('/api/effects', { segment: hostile, window: hostile })).effects).toEqual([]);
    expect((await get('/api/drift', { tenant: hostile })).subjects).toEqual([]);
    expect((await get('/api/models', { tenant: 'acme' })).models).toHaveLength(2);
  });

  it('refuses malformed parameters', async () => {
    await expect(get('/api/models', { minutes: 'abc' })).rejects.toThrow(/minutes must be a whole number/);
    await expect(get('/api/models', { minutes: 0 })).rejects.toThrow(/between 1 and 1440/);
    await expect(get('/api/ratings', { method: 'drop' })).rejects.toThrow(/method must be one of/);
    await expect(get('/api/models', { tenant: 'x'.repeat(300) })).rejects.toThrow(/longer than 256/);
    await expect(get('/api/drift', { minutes: '1.5' })).rejects.toThrow(/minutes must be a whole number, got "1.5"/);
    await expect(get('/api/drift', { minutes: 1441 })).rejects.toThrow(/minutes must be between 1 and 1440, got 1441/);
    await expect(get('/api/drift', { tenant: 'x'.repeat(300) })).rejects.toThrow(/tenant is longer than 256/);
  });
});

function lowHigh(k: number, n: number) {
  const { low, high } = wilsonInterval(k, n);
  return { low, high };
}
