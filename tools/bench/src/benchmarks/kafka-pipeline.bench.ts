import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { createRecordProducer, ensureTopics, measureBareRead, type KafkaConnection } from '@prefstream/kafka';
import type { Benchmark } from '../benchmark';
import { syntheticRecords } from './synthetic-records';

/**
 * Kafka end to end: `prefstream run`'s ingestion (decode, validate, dedup, range log, inserts with dedup
 * tokens into the embedded ClickHouse, snapshots, commits) against a bare kafkajs consumer reading the
 * same topic from the same dev broker, alternately in one run. Both clocks start at the first batch
 * (group join excluded). Target: ratio >= 0.6.
 */
export function kafkaPipelineBenchmark(): Benchmark {
  let broker: DevBroker;
  let connection: KafkaConnection;
  let messages = 0;
  let round = 0;
  const topic = 'bench-pipeline';
  return {
    name: 'kafka-end-to-end',
    description: 'dev broker -> prefstream ingestion -> embedded ClickHouse, events/s, vs a bare kafkajs consumer on the same topic',
    ratioTarget: 0.6,
    baselineName: 'bare kafkajs consumer, same topic',
    repeats: { quick: 1, full: 3 },
    async setup({ quick }) {
      broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
      connection = { brokers: [broker.brokers], clientId: 'bench' };
      await ensureTopics(connection, [{ topic, partitions: 4 }, { topic: `${topic}.dlq`, partitions: 1 }]);
      const records = syntheticRecords(quick ? 5000 : 25000);
      messages = records.length;
      const producer = await createRecordProducer(connection);
      for (let i = 0; i < records.length; i += 5000) await producer.send(topic, records.slice(i, i + 5000).map((r) => ({ key: r.key, value: r.value })));
      await producer.disconnect();
    },
    async baseline() {
      const { messagesPerSecond } = await measureBareRead(connection, topic, `bare-${round++}`, messages);
      return { opsPerSec: messagesPerSecond };
    },
    async run() {
      // The pipeline as shipped: a `prefstream run` process on a fresh embedded store, watched through
      // its /metrics endpoint.
      const port = 39500 + (round % 400);
      const root = path.join(__dirname, '..', '..', '..', '..');
      const child = spawn(process.execPath, ['apps/pipeline/bin/prefstream.js', 'run', '--brokers', broker.brokers, '--topic', topic, '--group', `pipeline-${round++}`, '--store', fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-')), '--metrics-port', String(port), '--dlq-topic', `${topic}.dlq`], { cwd: root, stdio: 'ignore' });
      const done = async () => {
        try {
          const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          return text.split('\n').filter((l) => /^prefstream_events_(accepted|rejected)_total/.test(l)).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
        } catch {
          return 0;
        }
      };
      let started = 0;
      let first = 0;
      for (let n = await done(); n < messages; n = await done()) {
        if (started === 0 && n > 0) {
          started = performance.now();
          first = n;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      const seconds = (performance.now() - started) / 1000;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      return { opsPerSec: (messages - first) / seconds, extra: { messages } };
    },
    async teardown() {
      await broker?.stop();
    },
  };
}
