import { CompressionTypes, type Producer } from 'kafkajs';
import { createKafka, type KafkaConnection } from './connection';

export interface OutgoingMessage {
  key?: string;
  value: Uint8Array | string;
  headers?: Record<string, string>;
  partition?: number;
}

export interface RecordProducer {
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * A producer for the dead-letter and alert topics (and for load generators). Idempotent with acks=all,
 * so a retried send does not duplicate; keys route with kafkajs's default (murmur2) partitioner, the
 * same as the Java client, so producers in other languages agree on partitions.
 */
export async function createRecordProducer(connection: KafkaConnection, options: { gzip?: boolean } = {}): Promise<RecordProducer> {
  const producer: Producer = createKafka(connection).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  return {
    async send(topic, messages) {
      if (messages.length === 0) return;
      await producer.send({
        topic,
        acks: -1,
        compression: options.gzip ? CompressionTypes.GZIP : CompressionTypes.None,
        messages: messages.map((m) => ({ key: m.key, value: Buffer.from(m.value), headers: m.headers, partition: m.partition })),
      });
    },
    disconnect: () => producer.disconnect(),
  };
}
