import crypto from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { createUserHasher, PartitionProcessor } from '@prefstream/processing';
import { loadConfig, signalEngineConfigOf } from '../src/config';
import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { EXAMPLE_EVENTS, type PrefEvent } from '@prefstream/events';
import { generateSyntheticTraffic, seededRandom } from '@prefstream/sources';
import { HASH_KEY, metricSum, openTestStore, sleep, startClickHouseProcess, startPipeline, waitFor, type PipelineProcess } from './harness';

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
async function produce(producer: Producer, topic: string, messages: { key?: string; value: Buffer | string; partition?: number }[], durationMs = 0) {
  const chunk = 2000;
  const pause = durationMs / Math.ceil(messages.length / chunk);
  for (let i = 0; i < messages.length; i += chunk) {
    await producer.send({ topic, messages: messages.slice(i, i + chunk) });
    if (pause) await sleep(pause);
  }
}
// Partitions chosen here (by the key, as a partitioner would) so the reference run below knows each partition's sequence.
const partitionOf = (key: string) => Number(BigInt(`0x${crypto.createHash('sha1').update(key).digest('hex').slice(0, 8)}`) % 4n);
const asMessages = (list: PrefEvent[]) => list.map((e) => ({ key: e.conversation_id, value: JSON.stringify(e), partition: partitionOf(e.conversation_id) }));

/**
 * The enrichment aggregates one uninterrupted run must leave: each partition's events, in produce order,
 * through one in-process PartitionProcessor (no restarts, no crashes), summed per minute key.
 */
function expectedAggregates(list: PrefEvent[]): Record<string, number[]> {
  const encoder = new TextEncoder();
  const byPartition: PrefEvent[][] = [[], [], [], []];
  for (const e of list) byPartition[partitionOf(e.conversation_id)].push(e);
  const rows = byPartition.flatMap((events, partition) => {
    const processor = new PartitionProcessor({ hashUser: createUserHasher(HASH_KEY), signals: signalEngineConfigOf(loadConfig({})) });
    const records = events.map((e, i) => ({ value: encoder.encode(JSON.stringify(e)), position: { kind: 'kafka' as const, topic: 'reference', partition, offset: String(i) } }));
    return processor.process(records, 0).tables.minute_aggregates;
  });
  const out: Record<string, number[]> = {};
  for (const r of rows) {
    const k = `${r.tenant}|${r.model}|${r.model_version}|${r.variant}|${r.minute / 1000}`;
    const acc = (out[k] ??= [0, 0, 0, 0, 0, 0]);
    [r.responses, r.reward_count, r.thumbs_up, r.thumbs_down, r.votes_won + r.votes_lost + r.votes_tie + r.votes_both_bad, Object.values(r.signal_counts).reduce((a, b) => a + b, 0)].forEach((v, i) => (acc[i] += v));
  }
  return out;
}

async function storedAggregates(database: string): Promise<Record<string, number[]>> {
  const store = await openTestStore(clickhouse.url, database);
  try {
    const rows = await store.query<{ k: string; v: string[] }>(`
      SELECT concat(tenant, '|', model, '|', model_version, '|', variant, '|', toString(toUnixTimestamp(minute))) AS k,
             [sum(responses), sum(reward_count), sum(thumbs_up), sum(thumbs_down), sum(votes_won + votes_lost + votes_tie + votes_both_bad), arraySum(mapValues(sumMap(signal_counts)))] AS v
      FROM minute_aggregates GROUP BY k`);
    return Object.fromEntries(rows.map((r) => [r.k, r.v.map(Number)]));
  } finally {
    await store.close();
  }
}

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

const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

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
    // The enrichment stages too: responses, final rewards, thumbs, votes and signal counts per minute and
    // model equal an uninterrupted in-process run (sessions restored from snapshots after every kill).
    // Wait for the slices that ended the raw-count wait to finish their other tables.
    const expected = expectedAggregates(input);
    await waitFor(async () => JSON.stringify(await storedAggregates(topic)) === JSON.stringify(sortKeys(expected)), 'aggregates equal to the reference', 120000).catch(() => undefined);
    expect(sortKeys(await storedAggregates(topic))).toEqual(sortKeys(expected));
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

  it('scores every turn with the ONNX classifiers in the stream and conditions the reward on them', async () => {
    const topic = 'scored';
    await createTopic(topic);
    const input = events(3_000, 6);
    const producer = kafka.producer();
    await producer.connect();
    await produce(producer, topic, asMessages(input));
    await producer.disconnect();
    const p = pipeline(topic, ['--stream-models', 'refusal,toxicity,harmful-request']);
    await waitFor(async () => (await lagIsZero(p)) && (await rawCount(topic)) === input.length, 'all events');
    const store = await openTestStore(clickhouse.url, topic);
    try {
      const [f] = await store.query<{ turns: string; scored: string; refusing: string }>(
        "SELECT count() AS turns, countIf(mapContains(scores, 'refusal_full') AND mapContains(scores, 'toxicity') AND mapContains(scores, 'harmful_request')) AS scored, countIf(scores['refusal_full'] >= 0.5) AS refusing FROM response_features FINAL",
      );
      expect(Number(f.turns)).toBe(input.filter((e) => e.type === 'turn').length);
      expect(Number(f.scored)).toBe(Number(f.turns));
      const [a] = await store.query<{ rewards: string; refuses: string; complies: string }>(
        "SELECT sum(reward_count) AS rewards, sumMap(reward_by_counts)['refuses'] AS refuses, sumMap(reward_by_counts)['complies'] AS complies FROM minute_aggregates",
      );
      // Every final reward is conditioned on the refusal decision, one side or the other.
      expect(Number(a.refuses) + Number(a.complies)).toBe(Number(a.rewards));
      expect(Number(a.rewards)).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });
});
