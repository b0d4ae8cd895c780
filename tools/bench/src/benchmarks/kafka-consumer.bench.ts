import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { createRecordProducer, ensureTopics, measureBareRead, type KafkaConnection } from '@prefstream/kafka';
import type { Benchmark } from '../benchmark';
import { syntheticRecords } from './synthetic-records';

/**
 * How fast a bare kafkajs consumer (eachBatch, no processing) reads from the dev broker: the baseline
 * the Kafka end-to-end pipeline benchmark is stated against. Each repetition reads the whole topic
 * under a fresh group.
 */
export function kafkaConsumerBenchmark(): Benchmark {
  let broker: DevBroker;
  let connection: KafkaConnection;
  let messages = 0;
  let round = 0;
  const topic = 'bench-events';
  return {
    name: 'kafka-bare-consumer',
    description: 'bare kafkajs consumer (eachBatch, no work) reading synthetic events from the dev broker, 4 partitions',
    repeats: { quick: 2, full: 5 },
    async setup({ quick }) {
      broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
      connection = { brokers: [broker.brokers], clientId: 'bench' };
      await ensureTopics(connection, [{ topic, partitions: 4 }]);
      const records = syntheticRecords(quick ? 10000 : 25000);
      messages = records.length;
      const producer = await createRecordProducer(connection);
      for (let i = 0; i < records.length; i += 5000) await producer.send(topic, records.slice(i, i + 5000).map((r) => ({ key: r.key, value: r.value })));
      await producer.disconnect();
    },
    async run() {
      const { messagesPerSecond } = await measureBareRead(connection, topic, `bench-${round++}`, messages);
      return { opsPerSec: messagesPerSecond, extra: { messages } };
    },
    async teardown() {
      await broker?.stop();
    },
  };
}
