import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { startDevBroker, type DevBroker } from './index';
import { Reader, Writer } from './protocol/primitives';

function frame(apiKey: number, version: number, correlationId: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = new Writer().int16(apiKey).int16(version).int32(correlationId).nullableString('raw-test').toBuffer();
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + body.length);
  return Buffer.concat([size, header, body]);
}

/** Sends bytes and collects whole response frames until `count` arrived or the socket closed. */
function exchange(broker: DevBroker, bytes: Buffer, count: number): Promise<{ frames: Buffer[]; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(broker.port, broker.host);
    let buffered = Buffer.alloc(0);
    const frames: Buffer[] = [];
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
        frames.push(buffered.subarray(4, 4 + buffered.readInt32BE(0)));
        buffered = buffered.subarray(4 + buffered.readInt32BE(0));
      }
      if (frames.length >= count) {
        socket.end();
        resolve({ frames, closed: false });
      }
    });
    socket.on('close', () => resolve({ frames, closed: true }));
    socket.write(bytes);
  });
}

describe('dev broker protocol edge cases (raw socket)', () => {
  let broker: DevBroker;
  const logs: string[] = [];
  beforeAll(async () => {
    broker = await startDevBroker({ autoCreateTopics: false, log: (m) => logs.push(m) });
  });
  afterAll(() => broker?.stop());

  it('answers an unsupported version with UNSUPPORTED_VERSION and keeps serving the connection', async () => {
    const { frames, closed } = await exchange(broker, Buffer.concat([frame(0, 99, 7), frame(18, 0, 8)]), 2);
    expect(closed).toBe(false);
    const r = new Reader(frames[0]);
    expect([r.int32(), r.int16()]).toEqual([7, 35]);
    expect(new Reader(frames[1]).int32()).toBe(8); // the next request on the same connection is served
  });

  it('answers ApiVersions v3 (flexible body, v0 response header) with every API it serves', async () => {
    // Request header v2: client id (plain nullable string) then tagged fields; body: two compact strings, tagged fields.
    const header = new Writer().int16(18).int16(3).int32(1).nullableString('raw-test').unsignedVarint(0).toBuffer();
    const body = new Writer().unsignedVarint(5).raw(Buffer.from('test')).unsignedVarint(4).raw(Buffer.from('1.0')).unsignedVarint(0).toBuffer();
    const size = Buffer.alloc(4);
    size.writeInt32BE(header.length + body.length);
    const { frames } = await exchange(broker, Buffer.concat([size, header, body]), 1);
    const r = new Reader(frames[0]);
    expect(r.int32()).toBe(1); // response header v0: the correlation id and nothing else
    expect(r.int16()).toBe(0);
    const apis = Array.from({ length: r.unsignedVarint() - 1 }, () => {
      const api = [r.int16(), r.int16(), r.int16()];
      expect(r.unsignedVarint()).toBe(0); // no tagged fields
      return api;
    });
    expect(r.int32()).toBe(0); // throttle time
    expect(r.unsignedVarint()).toBe(0);
    expect(r.offset).toBe(frames[0].length);
    expect(apis).toEqual(expect.arrayContaining([[18, 0, 3], [0, 0, 7], [1, 4, 11], [22, 0, 1]]));
  });

  it('answers a newer ApiVersions in the v0 layout with UNSUPPORTED_VERSION and the ranges (KIP-511)', async () => {
    const { frames } = await exchange(broker, frame(18, 4, 1), 1);
    const r = new Reader(frames[0]);
    expect(r.int32()).toBe(1);
    expect(r.int16()).toBe(35);
    const n = r.int32();
    const apis = Array.from({ length: n }, () => [r.int16(), r.int16(), r.int16()]);
    expect(apis).toContainEqual([18, 0, 3]);
    expect(apis).toContainEqual([1, 4, 11]);
  });

  it('answers an unknown API key with UNSUPPORTED_VERSION', async () => {
    const { frames } = await exchange(broker, frame(999, 0, 5), 1);
    const r = new Reader(frames[0]);
    expect([r.int32(), r.int16()]).toEqual([5, 35]);
  });

  it('reports an unknown topic without creating it', async () => {
    const kafka = new Kafka({ brokers: [broker.brokers], clientId: 'edge', logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = kafka.admin();
    await admin.connect();
    await expect(admin.fetchTopicMetadata({ topics: ['does-not-exist'] })).rejects.toThrow(/does not host this topic-partition|UNKNOWN_TOPIC_OR_PARTITION/i);
    expect(await admin.listTopics()).not.toContain('does-not-exist');
    await admin.disconnect();
  });

  it('closes the connection on a garbage frame, logs it, and stays up for others', async () => {
    const garbage = await exchange(broker, Buffer.from([0xff, 0xff, 0xff, 0xf0, 1, 2, 3]), 1);
    expect(garbage.closed).toBe(true);
    const truncated = await exchange(broker, (() => { const f = frame(3, 1, 9, Buffer.from([0, 0, 0, 5])); return f; })(), 1);
    expect(truncated.closed).toBe(true);
    expect(logs.join('\n')).toMatch(/invalid frame size/);
    expect(logs.join('\n')).toMatch(/malformed request: truncated request/);
    const healthy = await exchange(broker, frame(18, 2, 42), 1);
    expect(new Reader(healthy.frames[0]).int32()).toBe(42);
  });

  it('answers a Produce v2 carrying an old message set (magic 1) with UNSUPPORTED_FOR_MESSAGE_FORMAT', async () => {
    broker.createTopic('old-format', 1);
    const message = new Writer().int32(0).int8(1).int8(0).int64(BigInt(Date.now())).nullableBytes(null).nullableBytes(Buffer.from('v1 value')).toBuffer();
    const messageSet = new Writer().int64(0n).int32(message.length).raw(message).toBuffer(); // crc left 0: the magic is checked first
    const body = new Writer().int16(1).int32(1000).int32(1).nullableString('old-format').int32(1).int32(0).nullableBytes(messageSet).toBuffer();
    const { frames, closed } = await exchange(broker, Buffer.concat([frame(0, 2, 12, body), frame(18, 0, 13)]), 2);
    expect(closed).toBe(false);
    const r = new Reader(frames[0]);
    expect(r.int32()).toBe(12);
    expect([r.int32(), r.string(), r.int32(), r.int32(), r.int16(), r.int64()]).toEqual([1, 'old-format', 1, 0, 43, -1n]);
    expect(new Reader(frames[1]).int32()).toBe(13);
  });

  it('rejects a corrupted record batch with CORRUPT_MESSAGE', async () => {
    broker.createTopic('crc', 1);
    const kafka = new Kafka({ brokers: [broker.brokers], clientId: 'crc', logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'crc', messages: [{ value: 'ok' }] });
    await producer.disconnect();
    // A produce v3 request whose batch has a flipped byte after the CRC field.
    const batch = Buffer.alloc(70);
    batch.writeInt32BE(70 - 12, 8);
    batch.writeInt8(2, 16);
    const body = new Writer().nullableString(null).int16(1).int32(1000).int32(1).nullableString('crc').int32(1).int32(0).nullableBytes(batch).toBuffer();
    const { frames } = await exchange(broker, frame(0, 3, 11, body), 1);
    const r = new Reader(frames[0]);
    r.int32();
    r.int32(); // topics
    r.string();
    r.int32(); // partitions
    r.int32(); // index
    expect(r.int16()).toBe(2);
  });
});
