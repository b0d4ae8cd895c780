import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { createRecordProducer, ensureTopics, measureBareRead, type KafkaConnection } from '@prefstream/kafka';
import type { Benchmark } from '../benchmark';
import { startPipelineProcess } from './pipeline-process';
import { syntheticRecords } from './synthetic-records';

/**
 * Kafka end to end: `prefstream run`'s ingestion (decode, validate, dedup, range log, inserts with dedup
 * tokens into the embedded ClickHouse, snapshots, commits) against a bare kafkajs consumer reading the
 * same topic from the same dev broker, alternately in one run. Both clocks start at the first batch
 * (group join excluded). Target: ratio >= 0.6. As shipped (classifiers on) and without the classifiers.
 */
export function kafkaPipelineBenchmark(options: { name: string; streamModels?: string }): Benchmark {
  let broker: DevBroker;
  let connection: KafkaConnection;
  let messages = 0;
  let round = 0;
  const topic = 'bench-pipeline';
  return {
    name: options.name,
    description: `dev broker -> prefstream run (${options.streamModels ? `--stream-models ${options.streamModels}` : 'as shipped: ONNX classifiers on'}) -> embedded ClickHouse, events/s, vs a bare kafkajs consumer on the same topic`,
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
      const pipeline = startPipelineProcess({ brokers: broker.brokers, topic, group: `pipeline-${round++}`, args: options.streamModels ? ['--stream-models', options.streamModels] : [] });
      const done = () => pipeline.counter('prefstream_events_accepted_total', 'prefstream_events_rejected_total');
      let started = 0;
      let first = 0;
      for (let n = await done(); n < messages; n = await done()) {
        if (started === 0 && n > 0) {
          started = performance.now();
          first = n;
        }
        if (pipeline.child.exitCode !== null) throw new Error(`prefstream run exited with ${pipeline.child.exitCode}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const seconds = (performance.now() - started) / 1000;
      await pipeline.stop();
      return { opsPerSec: (messages - first) / seconds, extra: { messages } };
    },
    async teardown() {
      await broker?.stop();
    },
  };
}
