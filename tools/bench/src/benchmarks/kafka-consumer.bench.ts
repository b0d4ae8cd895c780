import { Kafka, logLevel } from 'kafkajs';
import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import type { Benchmark } from '../benchmark';
import { syntheticRecords } from './synthetic-records';

/**
 * How fast a bare kafkajs consumer (eachBatch, no processing) reads from the dev broker: the baseline
 * the Kafka end-to-end pipeline benchmark is stated against. Each repetition uses a fresh group, so it
 * reads the whole topic from the beginning.
 */
export function kafkaConsumerBenchmark(): Benchmark {
  let broker: DevBroker;
  let kafka: Kafka;
  let messages = 0;
  let round = 0;
  const topic = 'bench-events';
  return {
    name: 'kafka-bare-consumer',
    description: 'bare kafkajs consumer (eachBatch, no work) reading synthetic events from the dev broker, 4 partitions',
    repeats: { quick: 2, full: 5 },
    async setup({ quick }) {
      process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
      broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
      kafka = new Kafka({ brokers: [broker.brokers], clientId: 'bench', logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
      await admin.disconnect();
      const records = syntheticRecords(quick ? 10000 : 25000);
      messages = records.length;
      const producer = kafka.producer();
      await producer.connect();
      for (let i = 0; i < records.length; i += 5000) await producer.send({ topic, messages: records.slice(i, i + 5000).map((r) => ({ key: r.key, value: Buffer.from(r.value) })) });
      await producer.disconnect();
    },
    async run() {
      const consumer = kafka.consumer({ groupId: `bench-${round++}`, maxBytesPerPartition: 4 * 1024 * 1024, maxWaitTimeInMs: 50 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      // The clock starts when the first batch arrives (after the group join) and that batch is not
      // counted: what is measured is the steady read rate.
      let seen = 0;
      let first = 0;
      let started = 0;
      const seconds = await new Promise<number>((resolve) => {
        void consumer.run({
          partitionsConsumedConcurrently: 4,
          eachBatch: async ({ batch }) => {
            if (started === 0) {
              started = performance.now();
              first = batch.messages.length;
            }
            seen += batch.messages.length;
            if (seen >= messages) resolve((performance.now() - started) / 1000);
          },
        });
      });
      await consumer.disconnect();
      return { opsPerSec: (messages - first) / seconds, extra: { messages } };
    },
    async teardown() {
      await broker?.stop();
    },
  };
}
