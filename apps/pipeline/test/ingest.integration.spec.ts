import { Kafka, logLevel, type Producer } from 'kafkajs';
import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { EXAMPLE_EVENTS, type PrefEvent } from '@prefstream/events';
import { generateSyntheticTraffic, seededRandom } from '@prefstream/sources';
import { metricSum, openTestStore, sleep, startClickHouseProcess, startPipeline, waitFor, type PipelineProcess } from './harness';

// Effectively-once ingestion, end to end with real processes: the dev broker (Kafka protocol, kafkajs),
// `prefstream run` processes, and the ClickHouse HTTP test server (real @clickhouse/client over HTTP).
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
// Generous budgets: these runs take 1-2 minutes on an idle 2-core machine, but must not fail when it is busy.
jest.setTimeout(900000);

let broker: DevBroker;
let clickhouse: Awaited<ReturnType<typeof startClickHouseProcess>>;
let kafka: Kafka;
const running: PipelineProcess[] = [];

beforeAll(async () => {
  broker = await startDevBroker({ initialRebalanceDelayMs: 200 });
  clickhouse = await startClickHouseProcess();
  kafka = new Kafka({ brokers: [broker.brokers], clientId: 'it', logLevel: logLevel.NOTHING });
});
afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  await clickhouse?.stop();
  await broker?.stop();
});

const pipeline = (topic: string, extra?: string[]) => {
  const p = startPipeline({ brokers: broker.brokers, topic, group: `${topic}-group`, clickhouseUrl: clickhouse.url, database: topic.replace(/-/g, '_'), extra });
  running.push(p);
  return p;
};
const events = (count: number, seed: number): PrefEvent[] => [...generateSyntheticTraffic({ conversations: Math.ceil(count / 6), seed, idPrefix: `t${seed}` })].slice(0, count);

async function createTopic(topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 4 }, { topic: `${topic}.dlq`, numPartitions: 1 }] });
  await admin.disconnect();
}

/** Produces messages in chunks, spread over `durationMs` so the pipeline works while things break. */
async function produce(producer: Producer, topic: string, messages: { key?: string; value: Buffer | string }[], durationMs = 0) {
  const chunk = 2000;
  const pause = durationMs / Math.ceil(messages.length / chunk);
  for (let i = 0; i < messages.length; i += chunk) {
    await producer.send({ topic, messages: messages.slice(i, i + chunk) });
    if (pause) await sleep(pause);
  }
}
const asMessages = (list: PrefEvent[]) => list.map((e) => ({ key: e.conversation_id, value: JSON.stringify(e) }));

/** What one uninterrupted run must produce, computed from the input alone. */
function expectedPerMinute(list: PrefEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  const seen = new Set<string>();
  for (const e of list) {
    if (seen.has(e.event_id)) continue;
    seen.add(e.event_id);
    const k = `${e.tenant}|${e.type}|${Math.floor(Date.parse(e.ts) / 60000) * 60}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

async function storedState(database: string) {
  const store = await openTestStore(clickhouse.url, database);
  try {
    const [raw] = await store.query<{ n: string; ids: string }>('SELECT count() AS n, uniqExact(event_id) AS ids FROM raw_events');
    const perMinute = await store.query<{ k: string; n: string }>("SELECT concat(tenant, '|', type, '|', toString(toUnixTimestamp(minute))) AS k, countMerge(events) AS n FROM events_per_minute GROUP BY k");
    const rejected = await store.query<{ reason: string; n: string }>('SELECT reason, count() AS n FROM rejected_events GROUP BY reason');
    return { raw: Number(raw.n), ids: Number(raw.ids), perMinute: Object.fromEntries(perMinute.map((r) => [r.k, Number(r.n)])), rejected: Object.fromEntries(rejected.map((r) => [r.reason, Number(r.n)])) };
  } finally {
    await store.close();
  }
}

const rawCount = async (database: string) => (await storedState(database).catch(() => ({ raw: -1 }))).raw;
async function lagIsZero(p: PipelineProcess) {
  const text = await p.metrics();
  return text.includes('prefstream_consumer_lag') && metricSum(text, 'prefstream_consumer_lag{') === 0;
}

describe('prefstream run: effectively once', () => {
  it('survives 10 kill -9s of 2 processes over 200,000 events: every event once, aggregates exact', async () => {
    const topic = 'crash';
    await createTopic(topic);
    const input = events(200_000, 1);
    const producer = kafka.producer();
    await producer.connect();
    const producing = produce(producer, topic, asMessages(input), 25000);
    const procs = [pipeline(topic), pipeline(topic)];
    const random = seededRandom(42);
    let kills = 0;
    while (kills < 10) {
      await sleep(1000 + random() * 2000);
      const i = kills % 2;
      procs[i].child.kill('SIGKILL');
      await procs[i].exited;
      kills++;
      procs[i] = pipeline(topic);
    }
    await producing;
    await producer.disconnect();
    await waitFor(async () => (await rawCount(topic)) === input.length, 'all events stored', 600000);
    const state = await storedState(topic);
    expect(state.raw).toBe(input.length);
    expect(state.ids).toBe(input.length);
    expect(state.perMinute).toEqual(expectedPerMinute(input));
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exited));
  });

  it('rebalances when a process is added and another leaves mid-stream, with the same exactness', async () => {
    const topic = 'rebalance';
    await createTopic(topic);
    const input = events(60_000, 2);
    const producer = kafka.producer();
    await producer.connect();
    const producing = produce(producer, topic, asMessages(input), 10000);
    const first = pipeline(topic);
    await sleep(3000);
    const second = pipeline(topic);
    await sleep(3000);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0); // a clean stop: snapshot, commit, leave the group
    await producing;
    await producer.disconnect();
    await waitFor(async () => (await rawCount(topic)) === input.length && (await lagIsZero(second)), 'all events stored by the remaining process');
    const state = await storedState(topic);
    expect([state.raw, state.ids]).toEqual([input.length, input.length]);
    expect(state.perMinute).toEqual(expectedPerMinute(input));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('dead-letters 1% poison of each kind with its reason, processes every valid event, and lag returns to 0', async () => {
    const topic = 'poison';
    await createTopic(topic);
    const valid = events(20_000, 3);
    const base = EXAMPLE_EVENTS[2];
    const poisonKinds: Record<string, (i: number) => Buffer | string> = {
      not_json: (i) => `{"event_id": "broken-${i}"`,
      invalid: (i) => JSON.stringify({ ...base, event_id: `invalid-${i}`, kind: 'thumbs', value: 5 }),
      oversize: (i) => JSON.stringify({ ...base, event_id: `big-${i}`, kind: 'comment', text: 'x'.repeat(5000) }),
      invalid_utf8: (i) => Buffer.concat([Buffer.from(`{"event_id":"utf-${i}","x":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
      future_version: (i) => JSON.stringify({ ...base, event_id: `future-${i}`, schema_version: 2 }),
    };
    const messages: { key?: string; value: Buffer | string }[] = asMessages(valid);
    for (const [, make] of Object.entries(poisonKinds)) for (let i = 0; i < 200; i++) messages.splice(Math.floor((i * messages.length) / 200), 0, { key: `poison-${i % 7}`, value: make(i) });
    const producer = kafka.producer();
    await producer.connect();
    await produce(producer, topic, messages);
    await producer.disconnect();
    const p = pipeline(topic, ['--max-event-bytes', '4096']);
    await waitFor(async () => (await rawCount(topic)) === valid.length && (await lagIsZero(p)), 'valid events stored and lag 0');
    const state = await storedState(topic);
    expect(state.rejected).toEqual({ not_json: 200, invalid: 200, oversize: 200, invalid_utf8: 200, future_version: 200 });
    // The dead-letter topic has every poison message, original bytes and the reason in headers.
    const dlq = kafka.consumer({ groupId: 'dlq-reader', maxWaitTimeInMs: 100 });
    await dlq.connect();
    await dlq.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    const reasons: Record<string, number> = {};
    let sample: { value: Buffer; headers: Record<string, string> } | undefined;
    await dlq.run({ eachMessage: async ({ message }) => {
      const reason = String(message.headers!['prefstream-reason']);
      reasons[reason] = (reasons[reason] ?? 0) + 1;
      if (reason === 'invalid_utf8') sample = { value: message.value!, headers: Object.fromEntries(Object.entries(message.headers!).map(([k, v]) => [k, String(v)])) };
    } });
    await waitFor(() => Object.values(reasons).reduce((a, b) => a + b, 0) >= 1000, 'the dead-letter topic');
    await dlq.disconnect();
    expect(reasons).toEqual({ not_json: 200, invalid: 200, oversize: 200, invalid_utf8: 200, future_version: 200 });
    expect(sample!.value.includes(Buffer.from([0xc3, 0x28]))).toBe(true);
    expect(sample!.headers).toMatchObject({ 'prefstream-source-topic': topic, 'prefstream-source-partition': expect.stringMatching(/^\d$/), 'prefstream-source-offset': expect.stringMatching(/^\d+$/) });
    p.child.kill('SIGTERM');
    await p.exited;
  });

  it('holds the partitions through a 30 s ClickHouse outage with flat memory, and loses nothing', async () => {
    const topic = 'outage';
    await createTopic(topic);
    const input = events(40_000, 4);
    const producer = kafka.producer();
    await producer.connect();
    await produce(producer, topic, asMessages(input.slice(0, 10_000)));
    const p = pipeline(topic);
    await waitFor(async () => (await rawCount(topic)) === 10_000, 'the first 10,000 events');
    const rssBefore = p.rssMb();
    await clickhouse.pause();
    const producing = produce(producer, topic, asMessages(input.slice(10_000)), 15000);
    let peakRss = rssBefore;
    let sawBlocked = false;
    const outageEnds = Date.now() + 30000;
    while (Date.now() < outageEnds) {
      peakRss = Math.max(peakRss, p.rssMb());
      sawBlocked ||= metricSum(await p.metrics(), 'prefstream_sink_blocked{') > 0;
      await sleep(500);
    }
    await clickhouse.resume();
    await producing;
    await producer.disconnect();
    await waitFor(async () => (await rawCount(topic)) === input.length && (await lagIsZero(p)), 'every event after the outage');
    expect(sawBlocked).toBe(true);
    // The bound we state: while the store is down a process holds at most one fetched batch per
    // partition (4 MiB each by default) plus retry state, so RSS grows by well under 100 MB.
    expect(peakRss - rssBefore).toBeLessThan(100);
    const state = await storedState(topic);
    expect([state.raw, state.ids]).toEqual([input.length, input.length]);
    expect(state.perMinute).toEqual(expectedPerMinute(input));
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('counts an event delivered twice (a producer retry at another offset) once', async () => {
    const topic = 'duplicates';
    await createTopic(topic);
    const input = events(5_000, 5);
    const producer = kafka.producer();
    await producer.connect();
    await produce(producer, topic, asMessages(input));
    await produce(producer, topic, asMessages(input.slice(1000, 2000)));
    await producer.disconnect();
    const p = pipeline(topic);
    await waitFor(async () => (await lagIsZero(p)) && (await rawCount(topic)) === input.length, 'all events');
    const state = await storedState(topic);
    expect([state.raw, state.ids]).toEqual([input.length, input.length]);
    expect(state.perMinute).toEqual(expectedPerMinute(input));
    p.child.kill('SIGTERM');
    await p.exited;
  });
});
