import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWebhookTestReceiver, type WebhookTestReceiver } from '@prefstream/testing';
import { cli, cliWithEnv, queryRows } from '../analysis/cli-runner.test-helper';
import { DRIFT_CHANGE as CHANGE, trafficWithDrift } from '../monitoring/drift-traffic.test-helper';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-cmd-'));
const store = path.join(dir, 'store');
const MINUTE = 60_000;
// The traffic has two hours before the change: a one-hour baseline (the default is three).
const BASELINE = ['--monitor-baseline-minutes', '60'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc test queries
const query = (sql: string) => queryRows<any>(store, sql);

describe('prefstream monitor (real chdb, replayed traffic with a drift)', () => {
  const secret = 'webhook-secret-0123456789';
  let receiver: WebhookTestReceiver;
  let firstPass: { code: number; out: string; err: string };

  beforeAll(async () => {
    const file = path.join(dir, 'events.ndjson');
    fs.writeFileSync(file, trafficWithDrift().map((e) => JSON.stringify(e)).join('\n') + '\n');
    const replay = await cli('replay', '--source', `ndjson:${file}`, '--store', store, '--stream-models', 'none', '--json');
    expect(replay.code).toBe(0);
    // It answers 401 to a body whose signature is not the HMAC of the exact bytes under the secret.
    receiver = await startWebhookTestReceiver({ secret });
    firstPass = await cliWithEnv({ PREFSTREAM_ALERT_WEBHOOK_URL: receiver.url, PREFSTREAM_ALERT_WEBHOOK_SECRET: secret }, 'monitor', '--store', store, '--once', '--all-settled', '--json', ...BASELINE);
  }, 300_000);
  afterAll(() => receiver?.close());

  it('raises one drift alert for the model whose reward fell, near the change, and none for the steady one', async () => {
    expect(firstPass.code).toBe(0);
    const summary = JSON.parse(firstPass.out);
    expect(summary.alertsNew).toBeGreaterThan(0);
    // The replay's votes gave rating and effect snapshots, which the preference monitors read.
    expect(summary.snapshotsRead).toBeGreaterThan(0);
    const alerts = await query("SELECT alert_id, toUnixTimestamp64Milli(raised_at) AS raised_at, tenant, severity, monitor, subject, message, details FROM alerts FINAL WHERE monitor = 'drift' ORDER BY raised_at");
    const reward = alerts.filter((a) => a.subject === 'drifty@v1/implicit_reward');
    expect(reward).toHaveLength(1);
    expect(reward[0]).toMatchObject({ tenant: 'acme', severity: 'warning' });
    expect(reward[0].message).toMatch(/fell/);
    // Raised after the change, within the half hour after it; its change-point estimate is near the change.
    expect(Number(reward[0].raised_at)).toBeGreaterThanOrEqual(CHANGE);
    expect(Number(reward[0].raised_at)).toBeLessThan(CHANGE + 30 * MINUTE);
    expect(Math.abs(JSON.parse(reward[0].details).changeStartMs - CHANGE)).toBeLessThanOrEqual(15 * MINUTE);
    expect(alerts.filter((a) => a.subject.startsWith('steady@v1/'))).toEqual([]);
    // Every drift alert is about drifty's change (reward down, complaint-like signals up): no false alarms in 3.5 hours of 2 models x 9 metrics.
    expect(alerts.every((a) => a.subject.startsWith('drifty@v1/') && Number(a.raised_at) >= CHANGE)).toBe(true);
  });

  it('agrees with the data: drifty\'s mean implicit reward is lower after the change than before, steady\'s is not', async () => {
    const rows = await query(`SELECT model, ts >= fromUnixTimestamp64Milli(${CHANGE}) AS after, avg(implicit_reward) AS mean FROM responses FINAL WHERE final = 1 GROUP BY model, after ORDER BY model, after`);
    const mean = (model: string, after: number) => Number(rows.find((r) => r.model === model && Number(r.after) === after).mean);
    expect(mean('drifty', 0) - mean('drifty', 1)).toBeGreaterThan(0.1);
    expect(Math.abs(mean('steady', 0) - mean('steady', 1))).toBeLessThan(0.05);
  });

  it('writes the detector statistic per minute, crossing its threshold only after the change', async () => {
    const stats = await query("SELECT toUnixTimestamp64Milli(computed_at) AS at, statistic, threshold, drifted FROM drift_stats WHERE subject = 'drifty@v1/implicit_reward' ORDER BY at");
    expect(stats.length).toBeGreaterThan(60);
    const firstDrifted = stats.find((s) => Number(s.drifted) === 1);
    expect(Number(firstDrifted.at)).toBeGreaterThanOrEqual(CHANGE);
    expect(stats.filter((s) => Number(s.at) < CHANGE).every((s) => Number(s.statistic) <= Number(s.threshold))).toBe(true);
  });

  it('posts the warning and critical alerts to the webhook, signed with the secret over the exact body', () => {
    expect(receiver.requests.length).toBeGreaterThan(0);
    expect(receiver.accepted()).toHaveLength(receiver.requests.length); // every signature verified
    const posted = receiver.alerts();
    expect(posted.map((a) => a.subject)).toContain('drifty@v1/implicit_reward');
    expect(posted.every((a) => a.severity !== 'info')).toBe(true);
  });

  it('a second pass (a restarted monitor) raises nothing new and writes no statistic twice', async () => {
    const before = await query('SELECT count() AS n FROM drift_stats');
    const posts = receiver.requests.length;
    const again = await cliWithEnv({ PREFSTREAM_ALERT_WEBHOOK_URL: receiver.url }, 'monitor', '--store', store, '--once', '--all-settled', '--json', ...BASELINE);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ alertsNew: 0, statsWritten: 0 });
    expect(JSON.parse(again.out).alertsRaised).toBeGreaterThan(0);
    expect(await query('SELECT count() AS n FROM drift_stats')).toEqual(before);
    expect(receiver.requests.length).toBe(posts);
    // Restarted with a shorter lookback, the rebuilt detectors take another path (their baselines start
    // later); what they raise about minutes already judged is dropped, so still nothing new.
    const shorter = await cliWithEnv({ PREFSTREAM_ALERT_WEBHOOK_URL: receiver.url }, 'monitor', '--store', store, '--once', '--all-settled', '--json', ...BASELINE, '--monitor-lookback-ms', String(100 * MINUTE));
    expect(JSON.parse(shorter.out)).toMatchObject({ alertsNew: 0, statsWritten: 0 });
    expect(receiver.requests.length).toBe(posts);
  });
});
