import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { createKafkaAlertOutput, fetchHighWatermarks, type KafkaConnection } from '@prefstream/kafka';
import type { Alert } from '@prefstream/monitors';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { describeAlertOutputConformance } from './alert-output-conformance';

// Here rather than in libs/kafka: libs/testing depends on libs/kafka, so a kafka spec importing this
// suite would be a circular dependency.
let broker: DevBroker;
let connection: KafkaConnection;
let kafka: Kafka;
beforeAll(async () => {
  broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
  connection = { brokers: [broker.brokers], clientId: 'alert-conformance' };
  kafka = new Kafka({ clientId: 'alert-conformance-reader', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
});
afterAll(() => broker?.stop());

/** What a consumer reads from the topic: every record (copies included), checked for key and headers. */
async function readTopic(topic: string): Promise<Alert[]> {
  const expected = [...(await fetchHighWatermarks(connection, topic)).values()].reduce((sum, high) => sum + Number(high), 0);
  if (expected === 0) return [];
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: KafkaMessage[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${records.length} of ${expected} records of ${topic}`)), 15_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          records.push(message);
          if (records.length < expected) return;
          clearTimeout(timer);
          resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  // Checked here, not in eachMessage: a throw there would make kafkajs retry the record, not fail the test.
  return records.map((message) => {
    const alert = JSON.parse(message.value!.toString('utf8')) as Alert;
    expect([message.key?.toString(), message.headers?.tenant?.toString(), message.headers?.severity?.toString(), message.headers?.monitor?.toString()]).toEqual([alert.alert_id, alert.tenant, alert.severity, alert.monitor]);
    return alert;
  });
}

let topics = 0;
describeAlertOutputConformance('kafka (dev broker, kafkajs consumer)', async () => {
  const topic = `alerts-conformance-${++topics}`;
  const output = await createKafkaAlertOutput(connection, topic, { createTopic: { partitions: 3 } });
  return { output, received: () => readTopic(topic), teardown: () => output.close() };
});
