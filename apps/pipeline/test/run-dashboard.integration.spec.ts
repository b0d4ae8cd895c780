import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevBroker } from '@prefstream/dev-broker';
import { createRecordProducer, ensureTopics } from '@prefstream/kafka';
import { generateSyntheticTraffic } from '@prefstream/sources';
import { ROOT, metricSum, waitFor } from './harness';

// `prefstream run --dashboard-port`: the read-only dashboard served from the pipeline's own embedded
// store while it runs (nothing else can open that store), showing what was just consumed; plus the
// state and memory gauges on /metrics.
jest.setTimeout(180000);

it('prefstream run --dashboard-port serves the dashboard on its own store while it consumes', async () => {
  const broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
  const topic = 'run-dashboard';
  const child = spawn(process.execPath, ['apps/pipeline/bin/prefstream.js', 'run', '--brokers', broker.brokers, '--topic', topic, '--group', 'g', '--store', fs.mkdtempSync(path.join(os.tmpdir(), 'run-dash-')), '--metrics-port', '0', '--dashboard-port', '0', '--stream-models', 'none', '--dlq-topic', `${topic}.dlq`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await ensureTopics({ brokers: [broker.brokers], clientId: 't' }, [{ topic, partitions: 2 }, { topic: `${topic}.dlq`, partitions: 1 }]);
    const events = [...generateSyntheticTraffic({ conversations: 40, seed: 3, startMs: Date.now() - 600_000, tenants: ['acme', 'globex'] })];
    const turns = (tenant: string) => events.filter((e) => e.type === 'turn' && e.tenant === tenant).length;
    const producer = await createRecordProducer({ brokers: [broker.brokers], clientId: 't' });
    await producer.send(topic, events.map((e) => ({ key: e.conversation_id, value: JSON.stringify(e) })));
    await producer.disconnect();
    const dashboard = await waitFor(() => /dashboard \(read-only\) on (http:\/\/\S+)/.exec(log)?.[1], 'the dashboard URL in the log', 60000);
    const metricsUrl = await waitFor(() => /metrics on (http:\/\/\S+)/.exec(log)?.[1], 'the metrics URL in the log', 60000);
    const tenants = await waitFor(async () => {
      const body = (await fetch(`${dashboard.replace(/\/$/, '')}/api/tenants`).then((r) => r.json())) as { tenants: { tenant: string; responses: number }[] };
      const sum = body.tenants.reduce((n, t) => n + t.responses, 0);
      return sum === turns('acme') + turns('globex') ? body.tenants : undefined;
    }, 'every turn counted in the dashboard', 120000);
    expect(Object.fromEntries(tenants.map((t) => [t.tenant, t.responses]))).toEqual({ acme: turns('acme'), globex: turns('globex') });
    // The gauges are set once a slice is done, just after its rows are queryable: wait for them too.
    const metrics = await waitFor(async () => {
      const text = await fetch(metricsUrl).then((r) => r.text());
      return metricSum(text, 'prefstream_open_conversations') > 0 ? text : undefined;
    }, 'the open-conversations gauge', 30000);
    expect(metricSum(metrics, 'prefstream_open_conversations')).toBeGreaterThan(0);
    expect(metricSum(metrics, 'prefstream_open_conversations')).toBeLessThanOrEqual(40);
    expect(metricSum(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(metricSum(metrics, 'nodejs_heap_used_bytes'));
    expect((await fetch(`${dashboard.replace(/\/$/, '')}/api/tenants`, { method: 'POST' })).status).toBeGreaterThanOrEqual(400);
  } finally {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await broker.stop();
  }
});
