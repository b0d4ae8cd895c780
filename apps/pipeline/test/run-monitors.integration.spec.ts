import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startDevBroker } from '@prefstream/dev-broker';
import { createRecordProducer, ensureTopics } from '@prefstream/kafka';
import type { Alert } from '@prefstream/monitors';
import { DRIFT_CHANGE, DRIFT_T0, trafficWithDrift } from '../src/monitoring/drift-traffic.test-helper';
import { metricSum, ROOT, waitFor } from './harness';

// The analysis loop inside `prefstream run`: as the pipeline consumes traffic in which one model's reward
// falls, the loop (every 2 s here) judges the settled minutes and produces the alert to a Kafka topic,
// read back here with a plain kafkajs consumer, and the dashboard on the same store shows it.
jest.setTimeout(300000);

it('prefstream run raises a drift alert to the alerts topic and the dashboard while it consumes', async () => {
  const broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
  const topic = 'run-monitors';
  const alertsTopic = `${topic}.alerts`;
  const child = spawn(process.execPath, ['apps/pipeline/bin/prefstream.js', 'run', '--brokers', broker.brokers, '--topic', topic, '--group', 'g',
    '--store', fs.mkdtempSync(path.join(os.tmpdir(), 'run-monitors-')), '--metrics-port', '0', '--dashboard-port', '0', '--stream-models', 'none', '--dlq-topic', `${topic}.dlq`,
    '--analysis-every-ms', '2000', '--alerts-topic', alertsTopic, '--monitor-baseline-minutes', '60'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const kafka = new Kafka({ brokers: [broker.brokers], clientId: 'alerts-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: 'alerts-reader' });
  try {
    await ensureTopics({ brokers: [broker.brokers], clientId: 't' }, [{ topic, partitions: 2 }, { topic: `${topic}.dlq`, partitions: 1 }]);
    // Recent event times, so the dashboard's recent-alerts window (relative to its clock) includes the alert.
    const t0 = Math.floor((Date.now() - 4 * 3_600_000) / 60_000) * 60_000;
    const change = t0 + (DRIFT_CHANGE - DRIFT_T0);
    const events = trafficWithDrift(t0);
    const producer = await createRecordProducer({ brokers: [broker.brokers], clientId: 't' });
    for (let i = 0; i < events.length; i += 5000) await producer.send(topic, events.slice(i, i + 5000).map((e) => ({ key: e.conversation_id, value: JSON.stringify(e) })));
    await producer.disconnect();

    // The output creates the alerts topic with its first alert; subscribe once it exists.
    const admin = kafka.admin();
    await admin.connect();
    await waitFor(async () => (await admin.listTopics()).includes(alertsTopic), 'the alerts topic', 240000);
    await admin.disconnect();
    const received: { key: string; headers: Record<string, string>; alert: Alert }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: alertsTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        received.push({ key: String(message.key), headers, alert: JSON.parse(String(message.value)) as Alert });
      },
    });
    const reward = await waitFor(() => received.find((r) => r.alert.subject === 'drifty@v1/implicit_reward'), 'the reward drift alert on the alerts topic', 240000);
    expect(reward.key).toBe(reward.alert.alert_id);
    expect(reward.headers).toMatchObject({ monitor: 'drift', severity: 'warning', tenant: 'acme' });
    expect(reward.alert.raised_at).toBeGreaterThanOrEqual(change);
    expect(received.every((r) => r.alert.severity !== 'info' && !r.alert.subject.startsWith('steady@'))).toBe(true);

    const dashboard = await waitFor(() => /dashboard \(read-only\) on (http:\/\/\S+)/.exec(log)?.[1], 'the dashboard URL in the log', 10000);
    // The table is written just after the notify outputs (so a stored alert is one that was sent), then logged.
    await waitFor(async () => {
      const shown = (await fetch(`${dashboard.replace(/\/$/, '')}/api/alerts?tenant=acme`).then((r) => r.json())) as { alerts: { alert_id: string }[] };
      return shown.alerts.some((a) => a.alert_id === reward.alert.alert_id);
    }, 'the alert on the dashboard', 30000);
    await waitFor(() => /alert \[warning\] drift acme drifty@v1\/implicit_reward: implicit reward of drifty@v1 \(acme\) fell/.test(log), 'the alert in the log', 30000);
    const metricsUrl = /metrics on (http:\/\/\S+)/.exec(log)![1];
    // Counted when the pass ends; the topic gets the alert mid-pass (results are delivered per chunk read).
    const metrics = await waitFor(async () => {
      const text = await fetch(metricsUrl).then((r) => r.text());
      return metricSum(text, 'prefstream_alerts_total', 'monitor="drift",severity="warning"') >= 1 ? text : undefined;
    }, 'the alert counted in /metrics', 60000);
    expect(metricSum(metrics, 'prefstream_alerts_total', 'monitor="drift",severity="warning"')).toBeGreaterThanOrEqual(1);
    expect(metricSum(metrics, 'prefstream_analysis_passes_total', 'outcome="ok"')).toBeGreaterThanOrEqual(1);
    expect(metricSum(metrics, 'prefstream_analysis_passes_total', 'outcome="failed"')).toBe(0);
    expect(metricSum(metrics, 'prefstream_monitor_judged_until_seconds', 'class="outcome"')).toBeGreaterThan(reward.alert.raised_at / 1000);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await broker.stop();
  }
});
