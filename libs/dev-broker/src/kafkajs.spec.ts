import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AssignerProtocol, CompressionTypes, Kafka, logLevel, type Consumer } from 'kafkajs';
import { startDevBroker, type DevBroker } from './index';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const root = path.join(__dirname, '..', '..', '..');
const client = (broker: DevBroker, clientId = 'test') => new Kafka({ brokers: [broker.brokers], clientId, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
const waitFor = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 300000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Java's murmur2 (the Kafka default partitioner), written independently of kafkajs. */
function murmur2(data: Buffer): number {
  const m = 0x5bd1e995;
  let h = 0x9747b28c ^ data.length;
  let i = 0;
  for (; i + 4 <= data.length; i += 4) {
    let k = data.readInt32LE(i);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = data.length - i;
  if (rest === 3) h ^= data[i + 2] << 16;
  if (rest >= 2) h ^= data[i + 1] << 8;
  if (rest >= 1) h = Math.imul(h ^ data[i], m);
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h;
}

describe('dev broker with kafkajs', () => {
  let broker: DevBroker;
  beforeAll(async () => {
    broker = await startDevBroker({ initialRebalanceDelayMs: 100 });
  });
  afterAll(() => broker?.stop());

  it('creates, lists and deletes topics through the admin client', async () => {
    const admin = client(broker).admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: 'admin-a', numPartitions: 3 }, { topic: 'admin-b' }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'admin-a', numPartitions: 3 }] })).toBe(false);
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(['admin-a', 'admin-b']));
    const metadata = await admin.fetchTopicMetadata({ topics: ['admin-a'] });
    expect(metadata.topics[0].partitions).toHaveLength(3);
    await admin.deleteTopics({ topics: ['admin-b'] });
    expect(await admin.listTopics()).not.toContain('admin-b');
    await admin.disconnect();
  });

  it('routes keys as Java murmur2 does, with gzip batches from an idempotent producer', async () => {
    const kafka = client(broker);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'keys', numPartitions: 5 }] });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const keys = Array.from({ length: 300 }, (_, i) => `conversation-${i}`);
    await producer.send({ topic: 'keys', compression: CompressionTypes.GZIP, messages: keys.map((k) => ({ key: k, value: `v-${k}`, headers: { tenant: 'acme' } })) });
    const consumer = kafka.consumer({ groupId: 'keys-reader', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'keys', fromBeginning: true });
    const seen = new Map<string, number>();
    await consumer.run({ eachMessage: async ({ message, partition }) => void seen.set(message.key!.toString(), partition) });
    await waitFor(() => seen.size === keys.length, 'all keyed messages');
    for (const key of keys) expect(seen.get(key)).toBe((murmur2(Buffer.from(key)) & 0x7fffffff) % 5);
    const offsets = await admin.fetchTopicOffsets('keys');
    expect(offsets.reduce((n, o) => n + Number(o.high), 0)).toBe(keys.length);
    await Promise.all([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  });

  it('lists offsets: earliest, latest, and by timestamp', async () => {
    const kafka = client(broker);
    const producer = kafka.producer();
    await producer.connect();
    const t0 = Date.now() - 100000;
    await producer.send({ topic: 'times', messages: [0, 1, 2, 3].map((i) => ({ value: `m${i}`, timestamp: String(t0 + i * 1000), partition: 0 })) });
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.fetchTopicOffsets('times')).toEqual([{ partition: 0, offset: '4', high: '4', low: '0' }]);
    expect(await admin.fetchTopicOffsetsByTimestamp('times', t0 + 1500)).toEqual([{ partition: 0, offset: '2' }]);
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  });

  it('moves a group of 2 through 200,000 messages; a kill -9 consumer loses its partitions to the other, from committed offsets', async () => {
    const kafka = client(broker);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'load', numPartitions: 4 }] });
    const producer = kafka.producer();
    await producer.connect();
    const total = 200_000;
    for (let start = 0; start < total; start += 20_000) {
      await producer.send({ topic: 'load', messages: Array.from({ length: 20_000 }, (_, i) => ({ key: `k${(start + i) % 997}`, value: `message-${start + i}` })) });
    }
    const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'victim-')), 'seen.txt');
    fs.writeFileSync(outFile, '');
    const victim = spawn(process.execPath, ['bin/run-ts.js', 'libs/testing/src/group-consumer.child.ts', broker.brokers, 'load', 'load-group', outFile], { cwd: root, stdio: 'ignore' });
    await waitFor(() => fs.readFileSync(outFile, 'utf8').length > 0, 'the child consumer to start');

    const survivorSeen: { partition: number; offset: number }[] = [];
    const survivor: Consumer = kafka.consumer({ groupId: 'load-group', sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
    await survivor.connect();
    await survivor.subscribe({ topic: 'load', fromBeginning: true });
    await survivor.run({ autoCommitInterval: 100, eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const m of batch.messages) {
        survivorSeen.push({ partition: batch.partition, offset: Number(m.offset) });
        resolveOffset(m.offset);
      }
      await heartbeat();
      await new Promise((r) => setTimeout(r, 5)); // keep both members busy long enough to share the work
    } });
    // Wait until both members own partitions and the victim is mid-way, then kill it without a goodbye.
    await waitFor(async () => (await admin.describeGroups(['load-group'])).groups[0].members.length === 2 && fs.readFileSync(outFile, 'utf8').split('\n').length > 2000, 'both members consuming');
    const members = (await admin.describeGroups(['load-group'])).groups[0].members;
    const victimMember = members.find((m) => m.clientId === 'child')!;
    const victimPartitions = AssignerProtocol.MemberAssignment.decode(victimMember.memberAssignment)!.assignment.load;
    victim.kill('SIGKILL');
    await new Promise((r) => victim.once('exit', r));
    const killedAt = survivorSeen.length;
    const victimSeen = fs.readFileSync(outFile, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
    expect(victimPartitions.length).toBeGreaterThan(0);
    const committedAtKill = new Map((await admin.fetchOffsets({ groupId: 'load-group', topics: ['load'] }))[0].partitions.map((p) => [p.partition, Number(p.offset)]));

    await waitFor(() => new Set([...victimSeen.map(([p, o]) => `${p}/${o}`), ...survivorSeen.map((s) => `${s.partition}/${s.offset}`)]).size === total, 'every message to be consumed', 600000);
    // Nothing lost, and the survivor took over each of the victim's partitions exactly where the victim had committed.
    for (const partition of victimPartitions) {
      const firstAfterTakeover = survivorSeen.slice(killedAt).find((s) => s.partition === partition)!.offset;
      expect(firstAfterTakeover).toBe(Math.max(0, committedAtKill.get(partition)!));
    }
    const duplicates = victimSeen.length + survivorSeen.length - total;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThan(20_000); // at most what the victim had processed but not yet committed
    await Promise.all([survivor.disconnect(), producer.disconnect(), admin.disconnect()]);
  }, 900000);

  it('rebalances quickly when a member leaves cleanly', async () => {
    const kafka = client(broker);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'leave', numPartitions: 2 }] });
    const a = kafka.consumer({ groupId: 'leave-group', sessionTimeout: 30000, maxWaitTimeInMs: 100 });
    const b = kafka.consumer({ groupId: 'leave-group', sessionTimeout: 30000, maxWaitTimeInMs: 100 });
    const assigned = new Map<string, number[]>();
    for (const [name, c] of [['a', a], ['b', b]] as const) {
      c.on(c.events.GROUP_JOIN, (e) => assigned.set(name, e.payload.memberAssignment.leave ?? []));
      await c.connect();
      await c.subscribe({ topic: 'leave', fromBeginning: true });
      await c.run({ eachMessage: async () => undefined });
    }
    await waitFor(() => (assigned.get('a')?.length ?? 0) + (assigned.get('b')?.length ?? 0) === 2 && assigned.get('a')!.length === 1, 'a 1+1 split');
    const started = Date.now();
    await b.disconnect();
    await waitFor(() => assigned.get('a')!.length === 2, 'a to own both partitions');
    expect(Date.now() - started).toBeLessThan(30000); // well before the 30 s session timeout: LeaveGroup worked
    await Promise.all([a.disconnect(), admin.disconnect()]);
  }, 600000);
});

describe('dev broker persistence', () => {
  it('keeps the log and committed offsets across a restart with a data dir', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broker-data-'));
    let broker = await startDevBroker({ dataDir, segmentBytes: 64 * 1024, initialRebalanceDelayMs: 50 });
    let kafka = client(broker);
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < 5000; i += 500) await producer.send({ topic: 'durable', messages: Array.from({ length: 500 }, (_, j) => ({ value: `m${i + j}`.padEnd(100, '.'), partition: 0 })) });
    await producer.disconnect();
    const first = kafka.consumer({ groupId: 'durable-group', maxWaitTimeInMs: 100 });
    await first.connect();
    await first.subscribe({ topic: 'durable', fromBeginning: true });
    let consumed = 0;
    await first.run({ autoCommit: false, eachMessage: async ({ message }) => {
      if (Number(message.offset) < 3250) consumed++;
      // 3250 is in the middle of a 500-message batch: the resumed fetch must start inside it.
      if (Number(message.offset) === 3249) await first.commitOffsets([{ topic: 'durable', partition: 0, offset: '3250' }]);
    } });
    await waitFor(() => consumed === 3250, 'first 3250');
    await first.disconnect();
    await broker.stop();
    const files = fs.readdirSync(path.join(dataDir, 'topics', 'durable', '0'));
    expect(files.filter((f) => f.endsWith('.log')).length).toBeGreaterThan(1); // rolled segments
    expect(files.filter((f) => f.endsWith('.index')).length).toBe(files.filter((f) => f.endsWith('.log')).length); // each with its saved sparse index

    broker = await startDevBroker({ dataDir, initialRebalanceDelayMs: 50 });
    kafka = client(broker);
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.fetchTopicOffsets('durable')).toEqual([{ partition: 0, offset: '5000', high: '5000', low: '0' }]);
    const second = kafka.consumer({ groupId: 'durable-group', maxWaitTimeInMs: 100 });
    await second.connect();
    await second.subscribe({ topic: 'durable', fromBeginning: true });
    const resumed: number[] = [];
    await second.run({ eachMessage: async ({ message }) => void resumed.push(Number(message.offset)) });
    await waitFor(() => resumed.length === 1750, 'the remaining 1750');
    expect(resumed[0]).toBe(3250);
    expect(resumed[resumed.length - 1]).toBe(4999);
    await Promise.all([second.disconnect(), admin.disconnect()]);
    await broker.stop();
  }, 600000);

  it('bounds a log by size: old segments are deleted and the start offset moves', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broker-retention-'));
    const broker = await startDevBroker({ dataDir, segmentBytes: 32 * 1024, retention: { bytes: 128 * 1024 } });
    const producer = client(broker).producer();
    await producer.connect();
    for (let i = 0; i < 40; i++) await producer.send({ topic: 'bounded', messages: Array.from({ length: 50 }, () => ({ value: 'x'.repeat(200), partition: 0 })) });
    const admin = client(broker).admin();
    await admin.connect();
    const [offsets] = await admin.fetchTopicOffsets('bounded');
    expect(Number(offsets.high)).toBe(2000);
    expect(Number(offsets.low)).toBeGreaterThan(0);
    const bytes = fs.readdirSync(path.join(dataDir, 'topics', 'bounded', '0')).reduce((n, f) => n + fs.statSync(path.join(dataDir, 'topics', 'bounded', '0', f)).size, 0);
    expect(bytes).toBeLessThanOrEqual(128 * 1024 + 32 * 1024);
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await broker.stop();
  });
});
