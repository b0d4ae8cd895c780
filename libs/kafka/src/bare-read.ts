import { createKafka, type KafkaConnection } from './connection';

/**
 * Reads `expected` messages of a topic with a bare kafkajs consumer (eachBatch, no work) under a fresh
 * group, and reports the steady read rate: the clock starts at the first batch (after the group join),
 * which is not counted. The baseline that pipeline throughput is stated against.
 */
export async function measureBareRead(connection: KafkaConnection, topic: string, groupId: string, expected: number): Promise<{ messagesPerSecond: number; seconds: number }> {
  const consumer = createKafka(connection).consumer({ groupId, maxBytesPerPartition: 4 * 1024 * 1024, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let started = 0;
  const seconds = await new Promise<number>((resolve) => {
    void consumer.run({
      partitionsConsumedConcurrently: 64,
      eachBatch: async ({ batch }) => {
        if (started === 0) {
          started = performance.now();
          first = batch.messages.length;
        }
        seen += batch.messages.length;
        if (seen >= expected) resolve((performance.now() - started) / 1000);
      },
    });
  });
  await consumer.disconnect();
  return { messagesPerSecond: (expected - first) / seconds, seconds };
}
