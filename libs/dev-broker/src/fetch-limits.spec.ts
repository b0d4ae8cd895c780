import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { splitFetched } from '../test/record-batches';
import { startDevBroker, type DevBroker } from './index';
import { API } from './protocol/api-definitions';
import { Reader, Writer } from './protocol/primitives';
import { readStruct, writeStruct } from './protocol/schema';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const VERSION = 4;

interface PartitionResult {
  partition_index: number;
  error_code: number;
  high_watermark: bigint;
  records: Buffer | null;
}

/** One Fetch v4 request over a raw socket (the codec is the broker's, proven against kafkajs and kcat elsewhere). */
function fetch(broker: DevBroker, request: { max_wait_ms?: number; min_bytes?: number; max_bytes: number; partitions: { partition: number; fetch_offset: bigint; partition_max_bytes: number }[] }): Promise<PartitionResult[]> {
  const body = new Writer();
  writeStruct(body, API.Fetch.request, { replica_id: -1, max_wait_ms: request.max_wait_ms ?? 0, min_bytes: request.min_bytes ?? 0, max_bytes: request.max_bytes, isolation_level: 0, topics: [{ topic: 'limits', partitions: request.partitions }] }, VERSION);
  const header = new Writer().int16(API.Fetch.key).int16(VERSION).int32(1).nullableString('fetch-limits').toBuffer();
  const payload = Buffer.concat([header, body.toBuffer()]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return new Promise((resolve, reject) => {
    const socket = net.connect(broker.port, broker.host, () => socket.write(Buffer.concat([size, payload])));
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 4 || buffered.length < 4 + buffered.readInt32BE(0)) return;
      socket.end();
      const reader = new Reader(buffered.subarray(4, 4 + buffered.readInt32BE(0)));
      reader.int32(); // correlation id
      const response = readStruct(reader, API.Fetch.response, VERSION) as { responses: { partitions: PartitionResult[] }[] };
      resolve(response.responses[0].partitions);
    });
    socket.on('error', reject);
  });
}

const batchesOf = (p: PartitionResult) => splitFetched(p.records ?? Buffer.alloc(0));

describe('dev broker fetch limits (max_bytes, partition_max_bytes, KIP-74) and long-poll', () => {
  let broker: DevBroker;
  let batchBytes: number;
  beforeAll(async () => {
    broker = await startDevBroker();
    broker.createTopic('limits', 2);
    const producer = new Kafka({ brokers: [broker.brokers], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    // Three single-message batches per partition, about 1 KiB each.
    for (let i = 0; i < 3; i++) for (const partition of [0, 1]) await producer.send({ topic: 'limits', messages: [{ value: `${i}`.padEnd(1000, '.'), partition }] });
    await producer.disconnect();
    const [p0] = await fetch(broker, { max_bytes: 1 << 20, partitions: [{ partition: 0, fetch_offset: 0n, partition_max_bytes: 1 << 20 }] });
    const batches = batchesOf(p0);
    expect(batches).toHaveLength(3);
    batchBytes = batches[0].length;
  });
  afterAll(() => broker?.stop());

  const both = (partitionMaxBytes: number, offsets: [bigint, bigint] = [0n, 0n]) => [0, 1].map((partition) => ({ partition, fetch_offset: offsets[partition], partition_max_bytes: partitionMaxBytes }));

  it('returns the first batch whole when it alone exceeds max_bytes, and nothing more', async () => {
    const [p0, p1] = await fetch(broker, { max_bytes: 100, partitions: both(1 << 20) });
    expect(batchesOf(p0)).toHaveLength(1);
    expect(batchesOf(p1)).toHaveLength(0);
    expect(p1.high_watermark).toBe(3n); // the client learns there is more, and asks again
  });

  it('fills max_bytes with whole batches, first partition first', async () => {
    const [p0, p1] = await fetch(broker, { max_bytes: Math.floor(2.5 * batchBytes), partitions: both(1 << 20) });
    expect(batchesOf(p0)).toHaveLength(2);
    expect(batchesOf(p1)).toHaveLength(0);
  });

  it('caps each partition at partition_max_bytes', async () => {
    const [p0, p1] = await fetch(broker, { max_bytes: 1 << 20, partitions: both(Math.floor(2.5 * batchBytes)) });
    expect([batchesOf(p0).length, batchesOf(p1).length]).toEqual([2, 2]);
  });

  it('grants the oversized first batch to the first partition that has data', async () => {
    const [p0, p1] = await fetch(broker, { max_bytes: 100, partitions: both(50, [3n, 1n]) });
    expect(batchesOf(p0)).toHaveLength(0);
    expect(batchesOf(p1).map((b) => b.readBigInt64BE(0))).toEqual([1n]);
  });

  it('answers with nothing once max_wait_ms passes without min_bytes of data', async () => {
    const [p0] = await fetch(broker, { max_wait_ms: 200, min_bytes: 1, max_bytes: 1 << 20, partitions: [{ partition: 0, fetch_offset: 3n, partition_max_bytes: 1 << 20 }] });
    expect(p0.error_code).toBe(0);
    expect(batchesOf(p0)).toHaveLength(0);
  });

  it('holds a fetch at the end of the log until data arrives (long-poll)', async () => {
    const pending = fetch(broker, { max_wait_ms: 20000, min_bytes: 1, max_bytes: 1 << 20, partitions: [{ partition: 1, fetch_offset: 3n, partition_max_bytes: 1 << 20 }] });
    let answered = false;
    void pending.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    const producer = new Kafka({ brokers: [broker.brokers], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'limits', messages: [{ value: 'late', partition: 1 }] });
    await producer.disconnect();
    const [p1] = await pending;
    expect(batchesOf(p1).map((b) => b.readBigInt64BE(0))).toEqual([3n]);
  });
});
