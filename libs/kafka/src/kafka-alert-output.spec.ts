import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { alertId, type Alert } from '@prefstream/monitors';
import type { KafkaMessage } from 'kafkajs';
import { createKafka, type KafkaConnection } from './connection';
import { createKafkaAlertOutput } from './kafka-alert-output';
import { fetchHighWatermarks } from './topics';

let broker: DevBroker;
let connection: KafkaConnection;
beforeAll(async () => {
  broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
  connection = { brokers: [broker.brokers], clientId: 'alert-output-test' };
});
afterAll(() => broker?.stop());

const alert = (tenant: string, i: number, over: Partial<Alert> = {}): Alert => {
  const subject = `${tenant || 'global'}/m1@v2/reward-${i}`;
  const raised_at = Date.UTC(2026, 0, 1) + i * 60_000;
  return { alert_id: alertId(tenant, 'drift', subject, raised_at), raised_at, tenant, severity: 'warning', monitor: 'drift', subject, message: `m${i}`, details: { i }, ...over };
};

/** Every record of a topic, with its partition, read by a fresh kafkajs consumer group. */
async function readAll(topic: string): Promise<{ partition: number; message: KafkaMessage }[]> {
  const expected = [...(await fetchHighWatermarks(connection, topic)).values()].reduce((sum, high) => sum + Number(high), 0);
  const consumer = createKafka(connection).consumer({ groupId: `read-${topic}-${Date.now()}`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: { partition: number; message: KafkaMessage }[] = [];
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({ partition, message });
        if (records.length >= expected) resolve();
      },
    });
  });
  await consumer.disconnect();
  return records;
}

describe('createKafkaAlertOutput', () => {
  it('creates its topic, keys each record by alert_id, and carries monitor, severity and tenant as headers', async () => {
    const output = await createKafkaAlertOutput(connection, 'alerts-shape', { createTopic: { partitions: 4 } });
    const sent = [alert('acme', 1, { severity: 'critical', monitor: 'unsafe-preference' }), alert('', 2)];
    await output.send(sent);
    await output.close();
    expect(output.name).toBe('kafka:alerts-shape');
    expect((await fetchHighWatermarks(connection, 'alerts-shape')).size).toBe(4);
    const records = await readAll('alerts-shape');
    const byKey = new Map(records.map((r) => [r.message.key?.toString(), r.message]));
    for (const a of sent) {
      const message = byKey.get(a.alert_id)!;
      expect(JSON.parse(message.value!.toString())).toEqual(a);
      expect(Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]))).toEqual({ monitor: a.monitor, severity: a.severity, tenant: a.tenant });
    }
  });

  it('puts every copy of an alert on the same partition', async () => {
    const output = await createKafkaAlertOutput(connection, 'alerts-partitions', { createTopic: { partitions: 8 } });
    const alerts = Array.from({ length: 40 }, (_, i) => alert('acme', i));
    await output.send(alerts);
    await output.send(alerts); // sent again: at least once
    await output.close();
    const records = await readAll('alerts-partitions');
    expect(records).toHaveLength(80);
    const partitionsOf = new Map<string, Set<number>>();
    for (const { partition, message } of records) {
      const key = message.key!.toString();
      partitionsOf.set(key, (partitionsOf.get(key) ?? new Set()).add(partition));
    }
    expect(partitionsOf.size).toBe(40);
    expect([...partitionsOf.values()].every((p) => p.size === 1)).toBe(true);
    expect(new Set(records.map((r) => r.partition)).size).toBeGreaterThan(1); // the keys do spread
  });

  it('refuses sends after close, as not retriable', async () => {
    const output = await createKafkaAlertOutput(connection, 'alerts-closed');
    await output.close();
    await output.close();
    await expect(output.send([alert('acme', 1)])).rejects.toMatchObject({ code: 'OUTPUT_CLOSED', retriable: false });
  });
});
