import { firstValueFrom, take, toArray } from 'rxjs';
import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { createBatchConsumer, lostMembership, createRecordProducer, ensureTopics, fetchHighWatermarks, type AckableBatch, type KafkaConnection } from './index';
import { createKafka } from './connection';

let broker: DevBroker;
let connection: KafkaConnection;
beforeAll(async () => {
  broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
  connection = { brokers: [broker.brokers], clientId: 'adapter-test' };
});
afterAll(() => broker?.stop());

async function topicWith(topic: string, count: number, partitions = 1) {
  await ensureTopics(connection, [{ topic, partitions }]);
  if (count === 0) return;
  const producer = await createRecordProducer(connection);
  await producer.send(topic, Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}`, headers: { n: String(i) }, partition: 0 })));
  await producer.disconnect();
}
const committed = async (group: string, topic: string) => {
  const admin = createKafka(connection).admin();
  await admin.connect();
  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  await admin.disconnect();
  return offsets.partitions.map((p) => p.offset);
};

describe('createBatchConsumer', () => {
  it('emits nothing for an empty topic and keeps waiting (never-ending), until stopped', async () => {
    await topicWith('empty', 0);
    const consumer = createBatchConsumer({ connection, topic: 'empty', groupId: 'g-empty', maxWaitTimeMs: 50 });
    const seen: AckableBatch[] = [];
    const sub = consumer.batches.subscribe((b) => seen.push(b));
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toEqual([]);
    await consumer.stop(1000);
    sub.unsubscribe();
  });

  it('emits records with keys, headers and Kafka positions, and commits only what is acknowledged', async () => {
    await topicWith('acks', 5);
    const consumer = createBatchConsumer({ connection, topic: 'acks', groupId: 'g-acks', maxWaitTimeMs: 50 });
    const batch = await firstValueFrom(consumer.batches);
    expect(batch.records.map((r) => [r.key, Buffer.from(r.value).toString(), r.headers?.n, r.position])).toEqual(
      Array.from({ length: 5 }, (_, i) => [`k${i}`, `v${i}`, String(i), { kind: 'kafka', topic: 'acks', partition: 0, offset: String(i) }]),
    );
    expect([batch.firstOffset, batch.lastOffset, batch.highWatermark]).toEqual(['0', '4', '5']);
    batch.ack({ commitOffset: '3' }); // e.g. a snapshot covering the first three records only
    await new Promise((r) => setTimeout(r, 300));
    await consumer.stop(2000);
    expect(await committed('g-acks', 'acks')).toEqual(['3']);
  });

  it('re-delivers a failed batch from its first record', async () => {
    await topicWith('retry', 3);
    const consumer = createBatchConsumer({ connection, topic: 'retry', groupId: 'g-retry', maxWaitTimeMs: 50 });
    let deliveries = 0;
    const firstOffsets: string[] = [];
    await new Promise<void>((resolve) => {
      consumer.batches.subscribe((batch) => {
        deliveries++;
        firstOffsets.push(batch.firstOffset);
        if (deliveries === 1) batch.fail(new Error('sink down'));
        else {
          batch.ack({ commitOffset: String(BigInt(batch.lastOffset) + 1n) });
          resolve();
        }
      });
    });
    expect(firstOffsets.slice(0, 2)).toEqual(['0', '0']);
    await consumer.stop(2000);
    expect(await committed('g-retry', 'retry')).toEqual(['3']);
  });

  it('keeps its membership while a batch is held longer than the session timeout', async () => {
    await topicWith('slow', 3);
    const assignments: number[] = [];
    const consumer = createBatchConsumer({ connection, topic: 'slow', groupId: 'g-slow', maxWaitTimeMs: 50, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, onAssignment: (a) => assignments.push(a.length) });
    const batch = await new Promise<AckableBatch>((resolve) => consumer.batches.subscribe(resolve));
    await new Promise((r) => setTimeout(r, 9000)); // 1.5 session timeouts with no batch finished
    batch.ack({ commitOffset: '3' });
    await new Promise((r) => setTimeout(r, 500));
    await consumer.stop(2000);
    expect(assignments).toHaveLength(1); // never removed from the group, so never re-assigned
    expect(await committed('g-slow', 'slow')).toEqual(['3']); // the commit of the same generation was accepted
  }, 30000);

  it('lets in-flight batches finish on a graceful stop, runs the hook, then leaves the group', async () => {
    await topicWith('graceful', 2);
    const consumer = createBatchConsumer({ connection, topic: 'graceful', groupId: 'g-graceful', maxWaitTimeMs: 50 });
    const batch = await new Promise<AckableBatch>((resolve) => consumer.batches.subscribe(resolve)); // stays subscribed, as the runner does
    let hookRan = false;
    const stopping = consumer.stop(5000, async () => {
      hookRan = true;
      await consumer.commit('graceful', 0, '2');
    });
    setTimeout(() => batch.ack({}), 200);
    await stopping;
    expect(hookRan).toBe(true);
    expect(await committed('g-graceful', 'graceful')).toEqual(['2']);
    const admin = createKafka(connection).admin();
    await admin.connect();
    const { groups } = await admin.describeGroups(['g-graceful']);
    await admin.disconnect();
    expect(groups[0].members).toEqual([]);
  });

  it('leaves the group when unsubscribed early', async () => {
    await topicWith('early', 4, 2);
    const consumer = createBatchConsumer({ connection, topic: 'early', groupId: 'g-early', maxWaitTimeMs: 50 });
    const batches = await firstValueFrom(consumer.batches.pipe(take(1), toArray()));
    batches[0].ack({});
    const admin = createKafka(connection).admin();
    await admin.connect();
    const deadline = Date.now() + 10000;
    let members = 1;
    while (members > 0 && Date.now() < deadline) {
      members = (await admin.describeGroups(['g-early'])).groups[0].members.length;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.disconnect();
    expect(members).toBe(0);
    expect((await fetchHighWatermarks(connection, 'early')).get(0)).toBe('4');
  });
});

describe('lostMembership', () => {
  it('recognises a refused commit of a removed member, also wrapped as kafkajs wraps it, and nothing else', () => {
    const protocol = Object.assign(new Error('The coordinator is not aware of this member'), { type: 'UNKNOWN_MEMBER_ID' });
    expect(lostMembership(protocol)).toBe(true);
    expect(lostMembership(Object.assign(new Error('The coordinator is not aware of this member'), { cause: protocol }))).toBe(true);
    expect(lostMembership(Object.assign(new Error('x'), { type: 'ILLEGAL_GENERATION' }))).toBe(true);
    expect(lostMembership(Object.assign(new Error('x'), { type: 'TOPIC_AUTHORIZATION_FAILED' }))).toBe(false);
    expect(lostMembership(new Error('plain'))).toBe(false);
    expect(lostMembership(undefined)).toBe(false);
  });
});
