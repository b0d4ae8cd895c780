import { isRetriable, PrefstreamError } from '@prefstream/errors';
import { outputClosedError, type Alert, type AlertOutput } from '@prefstream/monitors';
import type { KafkaConnection } from './connection';
import { createRecordProducer, type OutgoingMessage } from './record-producer';
import { ensureTopics } from './topics';

export interface KafkaAlertOutputOptions {
  /**
   * Creates the topic at start-up when it does not exist (an existing topic is left as it is). `false`
   * where topics are provisioned by operators (e.g. compacted, with their own partition count).
   */
  createTopic?: { partitions: number } | false;
}

/**
 * One alert as one record: keyed by alert_id, so every copy of an alert lands on the same partition
 * (and a compacted topic keeps one per alert); the value is the alert as JSON; monitor, severity and
 * tenant are also headers, so consumers can route or filter without parsing the value.
 */
export function alertRecord(alert: Alert): OutgoingMessage {
  return { key: alert.alert_id, value: JSON.stringify(alert), headers: { monitor: alert.monitor, severity: alert.severity, tenant: alert.tenant } };
}

/** An alert output that produces to a Kafka topic (idempotent, acks=all: a retried send does not duplicate within a producer session). */
export async function createKafkaAlertOutput(connection: KafkaConnection, topic: string, options: KafkaAlertOutputOptions = {}): Promise<AlertOutput> {
  const createTopic = options.createTopic ?? { partitions: 1 };
  if (createTopic) await ensureTopics(connection, [{ topic, partitions: createTopic.partitions }]);
  const producer = await createRecordProducer(connection);
  const name = `kafka:${topic}`;
  let closed = false;
  return {
    name,
    async send(alerts: readonly Alert[]): Promise<void> {
      if (closed) throw outputClosedError(name);
      if (alerts.length === 0) return;
      try {
        await producer.send(topic, alerts.map(alertRecord));
      } catch (error) {
        // kafkajs gives up with a non-retriable "retries exceeded" wrapping a retriable cause (a broker
        // outage): for the caller, a later attempt may well succeed, so the cause decides.
        const retriable = isRetriable(error) || (error instanceof Error && isRetriable(error.cause));
        const message = error instanceof Error ? error.message : String(error);
        throw new PrefstreamError(`${name}: producing ${alerts.length} alert(s) failed: ${message}`, { code: 'KAFKA_PRODUCE_FAILED', retriable, cause: error });
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await producer.disconnect();
    },
  };
}
