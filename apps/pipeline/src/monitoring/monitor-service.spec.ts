import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouseAlertOutput, openStore, type Store } from '@prefstream/clickhouse';
import { PrefstreamError } from '@prefstream/errors';
import { cli } from '../analysis/cli-runner.test-helper';
import { DRIFT_CHANGE, trafficWithDrift } from './drift-traffic.test-helper';
import { MonitorService, type MonitorServiceOptions } from './monitor-service';

// The monitor service against a real chdb store holding replayed traffic with a drift: what it does
// when a write fails midway, and when one minute is dated far in the future.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-service-'));
const storeDir = path.join(dir, 'store');
const MINUTE = 60_000;
let store: Store;

const options = (over: Partial<MonitorServiceOptions> = {}): MonitorServiceOptions => ({
  lookbackMs: 7 * 86_400_000,
  settle: { responseMs: 2 * MINUTE, outcomeMs: 32 * MINUTE },
  drift: { baselineMinutes: 60, minCount: 20, threshold: 8, maxSubjects: 1000 },
  notify: { outputs: [], minSeverity: 'warning' },
  table: createClickHouseAlertOutput(store, { retry: { retries: 0 } }),
  log: () => undefined,
  ...over,
});

/** The store, with the first insert into each of `tables` failing as a retriable outage would. */
function failingOnce(inner: Store, tables: string[]): Store {
  const left = new Set(tables);
  return {
    kind: inner.kind,
    query: (sql, params, o) => inner.query(sql, params, o),
    exec: (sql, params) => inner.exec(sql, params),
    close: () => inner.close(),
    insert: (table, rows, o) => {
      if (left.delete(table)) return Promise.reject(new PrefstreamError(`${table}: connection reset`, { code: 'CLICKHOUSE_UNAVAILABLE', retriable: true }));
      return inner.insert(table, rows, o);
    },
  };
}

const count = async (sql: string) => Number((await store.query<{ n: string }>(sql))[0].n);

beforeAll(async () => {
  const file = path.join(dir, 'events.ndjson');
  fs.writeFileSync(file, trafficWithDrift().map((e) => JSON.stringify(e)).join('\n') + '\n');
  expect((await cli('replay', '--source', `ndjson:${file}`, '--store', storeDir, '--stream-models', 'none', '--skip-analysis')).code).toBe(0);
  store = await openStore({ kind: 'embedded', dataDir: storeDir });
}, 300_000);
afterAll(() => store?.close());

const rewardStatMinutes = async () =>
  (await store.query<{ t: string }>("SELECT toString(toUnixTimestamp64Milli(computed_at)) AS t FROM drift_stats WHERE subject = 'drifty@v1/implicit_reward' ORDER BY computed_at")).map((r) => Number(r.t));

it('loses nothing when storing stats and alerts fails midway: the next pass stores what a clean run stores', async () => {
  // A clean run first, for reference; then the same from scratch with the first write to each table failing.
  await new MonitorService(store, options()).evaluate({ allSettled: true });
  const reference = await rewardStatMinutes();
  const referenceAlerts = await count('SELECT count() AS n FROM alerts FINAL');
  expect(reference.length).toBeGreaterThan(60);
  await store.exec('TRUNCATE TABLE drift_stats');
  await store.exec('TRUNCATE TABLE alerts');

  const flaky = failingOnce(store, ['drift_stats', 'alerts']);
  const service = new MonitorService(flaky, options({ table: createClickHouseAlertOutput(flaky, { retry: { retries: 0 } }) }));
  await expect(service.evaluate({ allSettled: true })).rejects.toThrow(/drift_stats: connection reset/);
  await expect(service.evaluate({ allSettled: true })).rejects.toThrow(/alerts: connection reset/);
  const third = await service.evaluate({ allSettled: true });
  expect(third.alertsNew).toBeGreaterThan(0);
  expect(await rewardStatMinutes()).toEqual(reference);
  expect(await count('SELECT count() AS n FROM alerts FINAL')).toBe(referenceAlerts);
  expect(await count(`SELECT count() AS n FROM alerts FINAL WHERE subject = 'drifty@v1/implicit_reward' AND raised_at >= fromUnixTimestamp64Milli(${DRIFT_CHANGE})`)).toBe(1);
}, 120_000);

it('an event dated a year ahead does not carry the cursors past the wall clock', async () => {
  const now = Date.now();
  const ahead = Math.floor((now + 365 * 86_400_000) / MINUTE) * MINUTE;
  await store.insert('minute_aggregates', [{
    tenant: 'acme', model: 'drifty', model_version: 'v1', variant: '', minute: ahead, responses: 1, thumbs_up: 0, thumbs_down: 0, rating_sum: 0, rating_sumsq: 0, rating_count: 0, rating_positive: 0,
    reward_sum: 0, reward_sumsq: 0, reward_count: 0, votes_won: 0, votes_lost: 0, votes_tie: 0, votes_both_bad: 0, reactions: 0, flags: 0, comments: 0,
    signal_counts: {}, feature_sums: {}, feature_sumsqs: {}, feature_counts: {}, latency_sketch: {}, length_sketch: {}, reward_by_sums: {}, reward_by_sumsqs: {}, reward_by_counts: {},
  }]);
  const summary = await new MonitorService(store, options({ now: () => now, lookbackMs: 30 * 86_400_000 })).evaluate();
  expect(summary.responseUntil).not.toBeNull();
  expect(summary.responseUntil!).toBeLessThanOrEqual(now + 5 * MINUTE);
  expect(summary.outcomeUntil!).toBeLessThanOrEqual(now);
  // ... and the replayed minutes (ten days back, within the lookback) are still judged.
  expect(summary.minutesRead).toBeGreaterThan(100);
}, 120_000);
