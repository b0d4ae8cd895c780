import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { startDevBroker, type DevBroker } from './index';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const run = promisify(execFile);
const haveKcat = fs.existsSync('/usr/bin/kcat');
const maybe = haveKcat ? describe : describe.skip;
if (!haveKcat) console.warn('kcat is not installed (apt-get install kcat): skipping the librdkafka interoperability tests');

/** kcat with input on stdin. */
function kcatWithInput(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args);
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`kcat exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

// kcat is librdkafka, an independent implementation of the Kafka protocol: interop with it checks the
// broker speaks Kafka, not just kafkajs's dialect.
maybe('dev broker with kcat (librdkafka)', () => {
  let broker: DevBroker;
  let kafka: Kafka;
  beforeAll(async () => {
    broker = await startDevBroker({ partitions: 3 });
    kafka = new Kafka({ brokers: [broker.brokers], clientId: 'interop', logLevel: logLevel.NOTHING });
  });
  afterAll(() => broker?.stop());

  it('answers metadata requests, after a clean ApiVersions v3 negotiation', async () => {
    broker.createTopic('kcat-meta', 2);
    const { stdout, stderr } = await run('kcat', ['-b', broker.brokers, '-L', '-t', 'kcat-meta', '-d', 'protocol']);
    expect(stdout).toMatch(/1 brokers:\s+broker 1 at 127\.0\.0\.1:\d+/);
    expect(stdout).toMatch(/topic "kcat-meta" with 2 partitions/);
    expect(stderr).toMatch(/Received ApiVersionResponse \(v3/);
    expect(stderr).not.toMatch(/Protocol parse failure|retrying with v0/);
  });

  it('kcat produces with keys and headers, kafkajs consumes them intact', async () => {
    await kcatWithInput(['-b', broker.brokers, '-P', '-t', 'from-kcat', '-K', ':', '-H', 'source=kcat', '-H', 'trace=t-1', '-z', 'gzip'], 'conv-1:{"n":1}\nconv-2:{"n":2}\nconv-1:{"n":3}\n');
    const consumer = kafka.consumer({ groupId: 'kcat-reader', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'from-kcat', fromBeginning: true });
    const seen: { key: string; value: string; headers: Record<string, string>; partition: number }[] = [];
    await consumer.run({ eachMessage: async ({ message, partition }) => void seen.push({ key: message.key!.toString(), value: message.value!.toString(), headers: Object.fromEntries(Object.entries(message.headers!).map(([k, v]) => [k, String(v)])), partition }) });
    const deadline = Date.now() + 20000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await consumer.disconnect();
    expect(seen.map((s) => [s.key, s.value]).sort()).toEqual([['conv-1', '{"n":1}'], ['conv-1', '{"n":3}'], ['conv-2', '{"n":2}']]);
    for (const s of seen) expect(s.headers).toEqual({ source: 'kcat', trace: 't-1' });
    // Same key, same partition (librdkafka's partitioner is consistent per key too).
    expect(new Set(seen.filter((s) => s.key === 'conv-1').map((s) => s.partition)).size).toBe(1);
  });

  it('kafkajs produces, kcat consumes with keys and headers intact', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'from-kafkajs', messages: [{ key: 'a', value: 'first', headers: { h: 'x' } }, { key: 'b', value: 'second', headers: { h: 'y' } }] });
    await producer.disconnect();
    const { stdout } = await run('kcat', ['-b', broker.brokers, '-C', '-t', 'from-kafkajs', '-e', '-q', '-f', '%k|%h|%s\n']);
    expect(stdout.trim().split('\n').sort()).toEqual(['a|h=x|first', 'b|h=y|second']);
  });

  // The segment check matters: librdkafka <= 2.11.0 silently sends gzip/snappy/lz4 uncompressed unless
  // the broker advertises Produce v0 (see protocol/api-definitions.ts), and the records still arrive.
  it.each([['gzip', 1], ['snappy', 2], ['lz4', 3], ['zstd', 4]])('stores %s batches verbatim: kcat reads back what kcat wrote', async (codec, codecId) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broker-codec-'));
    const own = await startDevBroker({ dataDir });
    const lines = Array.from({ length: 50 }, (_, i) => `k${i % 7}:${codec}-message-${i}`);
    await kcatWithInput(['-b', own.brokers, '-P', '-t', 'codec', '-K', ':', '-z', String(codec)], lines.join('\n') + '\n');
    const { stdout } = await run('kcat', ['-b', own.brokers, '-C', '-t', 'codec', '-e', '-q', '-f', '%k:%s\n']);
    await own.stop();
    expect(stdout.trim().split('\n').sort()).toEqual([...lines].sort());
    const segment = fs.readFileSync(path.join(dataDir, 'topics', 'codec', '0', `${'0'.repeat(20)}.log`));
    expect(segment.readInt16BE(21) & 0x07).toBe(codecId); // the batch attributes name the codec: it really was compressed
  });

  it('lets a kcat consumer group commit and resume', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'kcat-group', messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}`, partition: 0 })) });
    await producer.disconnect();
    const first = await run('kcat', ['-b', broker.brokers, '-G', 'kcat-g', '-c', '4', '-q', '-f', '%s\n', '-X', 'auto.offset.reset=earliest', '-X', 'enable.auto.commit=true', '-X', 'auto.commit.interval.ms=100', 'kcat-group'], { timeout: 30000 });
    expect(first.stdout.trim().split('\n')).toEqual(['m0', 'm1', 'm2', 'm3']);
    const admin = kafka.admin();
    await admin.connect();
    const [committed] = (await admin.fetchOffsets({ groupId: 'kcat-g', topics: ['kcat-group'] }))[0].partitions;
    await admin.disconnect();
    expect(Number(committed.offset)).toBeGreaterThanOrEqual(1);
    expect(Number(committed.offset)).toBeLessThanOrEqual(4);
  }, 60000);
});
