import type { RecordProducer } from '@prefstream/kafka';
import type { RejectedRecord } from '@prefstream/processing';

/**
 * Puts rejected records on the dead-letter topic: the original bytes and key, the original headers,
 * and where it came from and why, as headers. At-least-once (a replayed range may send a record again;
 * consumers of the topic can dedupe on the source headers); the rejected_events table is exactly-once.
 */
export async function sendDeadLetters(producer: RecordProducer, topic: string, rejected: RejectedRecord[]): Promise<void> {
  if (rejected.length === 0) return;
  await producer.send(
    topic,
    rejected.map(({ record, reason, message }) => ({
      key: record.key,
      value: record.value,
      headers: {
        ...record.headers,
        'prefstream-reason': reason,
        'prefstream-message': message.slice(0, 1000),
        ...(record.position.kind === 'kafka' ? { 'prefstream-source-topic': record.position.topic, 'prefstream-source-partition': String(record.position.partition), 'prefstream-source-offset': record.position.offset } : { 'prefstream-source-file': `${record.position.path}:${record.position.line}` }),
      },
    })),
  );
}
