import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { EmbeddedStore, migrate, openStore, type Store } from '@prefstream/clickhouse';
import type { PrefEvent, SourceRecord } from '@prefstream/events';
import { createUserHasher, PartitionProcessor, rangeLogToken, type ProcessorState, type RangeEntry, type Slice, type Snapshot } from '@prefstream/processing';
import { generateSyntheticTraffic, seededRandom } from '@prefstream/sources';
import { startClickHouseHttpTestServer } from '@prefstream/testing';
import { PrefstreamError } from '@prefstream/errors';
import { CheckpointLog, type CheckpointStore } from './checkpoint-log';
import type { OutputStore } from './output-store';
import { PartitionWorker } from './partition-worker';

/**
 * A store with ClickHouse's insert-deduplication semantics: a token seen before writes nothing. Range
 * entries are deduplicated by `rangeLogToken` (as CheckpointLog does), so the range log is a
 * first-writer-wins register keyed by `from`, and `logRange` answers with the register's value.
 * `legacyRangeTokens` restores the behaviour before the register (token over `from-to`, no read-back)
 * to show what the race did then.
 */
class DedupStore implements OutputStore, CheckpointStore {
  tokens = new Set<string>();
  tables = new Map<string, object[]>();
  snapshots: Snapshot<ProcessorState>[] = [];
  /** Every snapshot written, including those the token dropped (to compare two owners' states). */
  snapshotWrites: Snapshot<ProcessorState>[] = [];
  ranges: RangeEntry[] = [];
  failNext = 0;
  /** Simulated kill -9: after this many more writes (data or checkpoint), every write throws. */
  crashAfter = Infinity;
  /** Lets concurrent workers interleave at every store call (a few microtask turns, from a seeded stream). */
  yieldTurns: (() => number) | undefined;
  constructor(private readonly options: { legacyRangeTokens?: boolean } = {}) {}
  private maybeCrash() {
    if (this.crashAfter-- <= 0) throw new PrefstreamError('process killed', { code: 'KILLED', retriable: false });
  }
  private async turn() {
    for (let n = this.yieldTurns?.() ?? 0; n > 0; n--) await Promise.resolve();
  }
  async insert(table: string, rows: readonly object[], { dedupToken }: { dedupToken: string }) {
    await this.turn();
    this.maybeCrash();
    if (this.failNext > 0) {
      this.failNext--;
      throw new PrefstreamError('store down', { code: 'UNAVAILABLE', retriable: true });
    }
    if (this.tokens.has(dedupToken)) return;
    this.tokens.add(dedupToken);
    this.tables.set(table, [...(this.tables.get(table) ?? []), ...rows]);
  }
  async query<T>(): Promise<T[]> {
    return [];
  }
  async load() {
    await this.turn();
    const snapshot = this.snapshots.reduce<Snapshot<ProcessorState> | undefined>((best, s) => (!best || BigInt(s.nextOffset) > BigInt(best.nextOffset) ? s : best), undefined);
    return { snapshot: structuredClone(snapshot), ranges: [...this.ranges] };
  }
  async logRange(range: RangeEntry) {
    await this.turn();
    this.maybeCrash();
    const token = this.options.legacyRangeTokens ? `range/${range.from}-${range.to}` : rangeLogToken('g', range.topic, range.partition, range.from);
    if (!this.tokens.has(token)) {
      this.tokens.add(token);
      this.ranges.push(range);
    }
    return this.options.legacyRangeTokens ? range : this.ranges.find((r) => r.from === range.from)!;
  }
  async saveSnapshot(snapshot: Snapshot<ProcessorState>) {
    await this.turn();
    this.maybeCrash();
    this.snapshotWrites.push(structuredClone(snapshot));
    const token = `snapshot/${snapshot.nextOffset}`;
    if (this.tokens.has(token)) return;
    this.tokens.add(token);
    this.snapshots.push(structuredClone(snapshot));
  }
}

const hashUser = createUserHasher('k'.repeat(32));
const events: PrefEvent[] = [...generateSyntheticTraffic({ conversations: 60, seed: 5 })];
const records: SourceRecord[] = (() => {
  let offset = 0;
  const out = events.map((e) => ({ value: new TextEncoder().encode(JSON.stringify(e)), position: { kind: 'kafka' as const, topic: 't', partition: 0, offset: String(offset++) } }));
  out.splice(7, 0, { value: new TextEncoder().encode('not json'), position: { kind: 'kafka', topic: 't', partition: 0, offset: String(offset++) } });
  return out.map((r, i) => ({ ...r, position: { ...r.position, offset: String(i) } }));
})();

const worker = (store: DedupStore) =>
  new PartitionWorker({ topic: 't', partition: 0, store, checkpoints: store, createProcessor: (s) => new PartitionProcessor({ hashUser }, s), snapshotEverySlices: 3, snapshotEveryMs: 1e12, now: () => 0, sleep: async () => undefined });

/** Feeds records in batches of the given sizes, from an offset; stops after `limit` batches (a crash). */
async function feed(w: PartitionWorker, from: number, sizes: number[], limit = Infinity) {
  let at = from;
  let n = 0;
  for (let i = 0; at < records.length && n < limit; i++, n++) {
    const size = sizes[i % sizes.length];
    await w.handle(records.slice(at, at + size));
    at += size;
  }
  return at;
}

const summary = (store: DedupStore) => ({
  raw: (store.tables.get('raw_events') as { event_id: string }[]).map((r) => r.event_id).sort(),
  rejected: (store.tables.get('rejected_events') ?? []).length,
});

describe('PartitionWorker', () => {
  it('writes every record once in an uninterrupted run', async () => {
    const store = new DedupStore();
    const w = worker(store);
    await w.init();
    await feed(w, 0, [17]);
    expect(summary(store).raw).toHaveLength(records.length - 1);
    expect(new Set(summary(store).raw).size).toBe(records.length - 1);
    expect(summary(store).rejected).toBe(1);
  });

  it('runs overlapping calls one after the other (a batch abandoned on a rebalance may still be running)', async () => {
    const sequential = new DedupStore();
    const a = worker(sequential);
    await a.init();
    await feed(a, 0, [40]);
    // The first range-log write is slow, so without the queue the second call would overtake the first.
    const overlapping = new (class extends DedupStore {
      private slowed = false;
      override async logRange(range: RangeEntry) {
        if (!this.slowed) {
          this.slowed = true;
          await new Promise((r) => setTimeout(r, 50));
        }
        return super.logRange(range);
      }
    })();
    const b = worker(overlapping);
    await b.init();
    const calls: Promise<unknown>[] = [];
    for (let at = 0; at < records.length; at += 40) calls.push(b.handle(records.slice(at, at + 40)));
    calls.push(b.snapshot(), b.handle(records.slice(0, 40))); // a re-delivery of what was already processed
    await Promise.all(calls);
    expect(overlapping.tables).toEqual(sequential.tables);
  });

  it('keeps retrying through a store outage instead of dropping', async () => {
    const store = new DedupStore();
    const blocked: boolean[] = [];
    const w = new PartitionWorker({ topic: 't', partition: 0, store, checkpoints: store, createProcessor: (s) => new PartitionProcessor({ hashUser }, s), snapshotEverySlices: 1, snapshotEveryMs: 1e12, sleep: async () => undefined, onBlocked: (b) => void blocked.push(b) });
    await w.init();
    store.failNext = 25;
    await w.handle(records.slice(0, 50));
    expect(summary(store).raw.length).toBe(49);
    expect(blocked).toContain(true);
    expect(blocked[blocked.length - 1]).toBe(false);
  });

  it('is effectively-once across crashes at any point with any fetch boundaries', async () => {
    const reference = new DedupStore();
    const ref = worker(reference);
    await ref.init();
    await feed(ref, 0, [1000]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ sizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }), batches: fc.integer({ min: 0, max: 6 }), crashAfter: fc.integer({ min: 0, max: 25 }) }), { minLength: 1, maxLength: 5 }), async (runs) => {
        const store = new DedupStore();
        let crashes = 0;
        for (const run of [...runs, { sizes: [13], batches: Infinity, crashAfter: Infinity }]) {
          // A new process: restore from the store, resume at the snapshot (as Kafka's committed offset would).
          store.crashAfter = Infinity;
          const w = worker(store);
          await w.init();
          const { snapshot } = await store.load();
          store.crashAfter = run.crashAfter;
          await feed(w, snapshot ? Number(snapshot.nextOffset) : 0, run.sizes, run.batches).catch((e) => {
            if (e.code !== 'KILLED') throw e;
            crashes++;
          });
        }
        expect(crashes).toBeLessThanOrEqual(runs.length);
        expect(summary(store)).toEqual(summary(reference));
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});

// Two owners of one partition at once: a rebalance moved it while the old owner was still writing.
// The new owner loads the range log before the old owner's in-flight entry lands, and Kafka cuts its
// fetches elsewhere; without the first-writer-wins register the same events went out under two tokens.

interface Owner {
  worker: PartitionWorker;
  /** `from-to` of every slice this owner processed, in order. */
  slices: string[];
  /** `proposed -> logged` for every proposal the range log answered with another owner's range. */
  adopted: string[];
}

/** Records every snapshot write on its way to the checkpoint store (the store may drop it as a duplicate). */
const recordingSnapshots = (checkpoints: CheckpointStore, writes: Snapshot<ProcessorState>[]): CheckpointStore => ({
  load: (topic, partition) => checkpoints.load(topic, partition),
  logRange: (range) => checkpoints.logRange(range),
  saveSnapshot: async (snapshot) => {
    writes.push(structuredClone(snapshot));
    await checkpoints.saveSnapshot(snapshot);
  },
});

/** One process's view of the shared store: after `writesLeft` more writes, the process is dead (kill -9). */
function killable(store: DedupStore): OutputStore & CheckpointStore & { writesLeft: number } {
  const view = {
    writesLeft: Infinity,
    write<T>(operation: () => Promise<T>): Promise<T> {
      if (view.writesLeft-- <= 0) return Promise.reject(new PrefstreamError('process killed', { code: 'KILLED', retriable: false }));
      return operation();
    },
    insert: (table: string, rows: readonly object[], options: { dedupToken: string }) => view.write(() => store.insert(table, rows, options)),
    query: <T>() => store.query<T>(),
    load: () => store.load(),
    logRange: (range: RangeEntry) => view.write(() => store.logRange(range)),
    saveSnapshot: (snapshot: Snapshot<ProcessorState>) => view.write(() => store.saveSnapshot(snapshot)),
  };
  return view;
}

function owner(store: OutputStore, checkpoints: CheckpointStore): Owner {
  const slices: string[] = [];
  const adopted: string[] = [];
  const w = new PartitionWorker({
    topic: 't',
    partition: 0,
    store,
    checkpoints,
    createProcessor: (s) => new PartitionProcessor({ hashUser }, s),
    snapshotEverySlices: 3,
    snapshotEveryMs: 1e12,
    now: () => 0,
    sleep: async () => undefined,
    onSlice: (slice: Slice) => void slices.push(`${slice.from}-${slice.to}`),
    onAdopted: (proposed, logged) => void adopted.push(`${proposed.from}-${proposed.to} -> ${logged.from}-${logged.to}`),
  });
  return { worker: w, slices, adopted };
}

const batch = (from: number, to: number) => records.slice(from, to + 1);

/**
 * The race, step by step. The old owner has logged 0-119 (snapshot at 90); the new owner loads; only
 * then does the old owner's in-flight range 120-159 land. The new owner's fetches are cut at other
 * offsets, and the old owner keeps logging for a while after the new owner started (races at 160 and
 * 170, won once by each). Finally a third process restarts from whatever the two left behind.
 */
async function raceStepByStep(store: OutputStore, checkpoints: CheckpointStore) {
  const old = owner(store, checkpoints);
  await old.worker.init();
  for (const [from, to] of [[0, 29], [30, 59], [60, 89], [90, 119]]) await old.worker.handle(batch(from, to));
  const next = owner(store, checkpoints);
  await next.worker.init(); // the rebalance: the new owner reads the log now
  const resumeAt = Number(next.worker.committableOffset ?? 0);
  await old.worker.handle(batch(120, 159)); // the old owner's in-flight slice: its entry lands after that read
  await next.worker.handle(batch(resumeAt, 134)); // replays 90-119, proposes 120-134: the log says 120-159
  await next.worker.handle(batch(135, 169)); // 120-159 as logged, then proposes 160-169 first
  await old.worker.handle(batch(160, 199)); // the old owner, still going, proposes 160-199: the log says 160-169
  await next.worker.handle(batch(170, 184)); // proposes 170-184: the old owner logged 170-199 first
  await next.worker.handle(batch(185, records.length - 1)); // the old owner has stopped; on to the end
  const third = owner(store, checkpoints);
  await third.worker.init();
  await feed(third.worker, Number(third.worker.committableOffset ?? 0), [37]);
  return { old, next, third, resumeAt };
}

/** No offset is processed under two different boundaries, and each owner's slices are contiguous. */
function expectSameBoundaries(...owners: Owner[]) {
  const toByFrom = new Map<string, string>();
  for (const o of owners) {
    let expectedFrom: bigint | undefined;
    for (const span of o.slices) {
      const [from, to] = span.split('-');
      if (expectedFrom !== undefined) expect(BigInt(from)).toBe(expectedFrom);
      expectedFrom = BigInt(to) + 1n;
      expect(`${from}-${toByFrom.get(from) ?? to}`).toBe(span);
      toByFrom.set(from, to);
    }
  }
}

/** Snapshots written for the same offset by different owners hold the same state. */
function expectConsistentSnapshots(writes: Snapshot<ProcessorState>[]) {
  const byOffset = new Map<string, Snapshot<ProcessorState>>();
  for (const s of writes) {
    const first = byOffset.get(s.nextOffset);
    if (first) expect(s.state).toEqual(first.state);
    else byOffset.set(s.nextOffset, s);
  }
  return byOffset.size;
}

/** What the events per minute aggregate must say: every distinct event once. */
function expectedPerMinute(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) {
    const k = `${e.tenant}|${e.type}|${Math.floor(Date.parse(e.ts) / 60000) * 60}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('PartitionWorker with two owners (rebalance while the old owner is mid-slice)', () => {
  it('reproduces the race deterministically; both owners cut the same slices and every event is inserted once', async () => {
    const store = new DedupStore();
    const { old, next, third, resumeAt } = await raceStepByStep(store, store);
    expect(resumeAt).toBe(90);
    expect(next.adopted).toEqual(['120-134 -> 120-159', '170-184 -> 170-199']);
    expect(old.adopted).toEqual(['160-199 -> 160-169']);
    expect(old.slices).toEqual(['0-29', '30-59', '60-89', '90-119', '120-159', '160-169', '170-199']);
    expect(next.slices).toEqual(['90-119', '120-159', '160-169', '170-199', `200-${records.length - 1}`]);
    expectSameBoundaries(old, next, third);
    // Insert-summed: every row any insert added (a ClickHouse materialized view counts exactly these).
    const raw = store.tables.get('raw_events') as { event_id: string }[];
    expect(raw).toHaveLength(events.length);
    expect(new Set(raw.map((r) => r.event_id)).size).toBe(events.length);
    expect(store.tables.get('rejected_events')).toHaveLength(1);
    // The log: one entry per start, contiguous, and every slice anyone processed is one of them.
    const logged = new Set(store.ranges.map((r) => `${r.from}-${r.to}`));
    for (const span of [...old.slices, ...next.slices, ...third.slices]) expect(logged).toContain(span);
    expect(new Set(store.ranges.map((r) => r.from)).size).toBe(store.ranges.length);
    expectConsistentSnapshots(store.snapshotWrites);
  });

  it('(control) with a token over from-to and no read-back, the same schedule counts events twice', async () => {
    const store = new DedupStore({ legacyRangeTokens: true });
    const { old, next } = await raceStepByStep(store, store);
    expect(next.adopted).toEqual([]);
    expect(next.slices.slice(0, 3)).toEqual(['90-119', '120-134', '135-169']); // diverges from the old owner's 120-159
    const raw = store.tables.get('raw_events') as { event_id: string }[];
    expect(new Set(raw.map((r) => r.event_id)).size).toBe(events.length);
    expect(raw.length).toBeGreaterThan(events.length); // 120-134 and 160-169 twice
    expect(old.slices).toContain('160-199');
  });

  it('agrees at every boundary with a concurrently running old owner, whatever the interleaving, fetch sizes and when it dies', async () => {
    const reference = new DedupStore();
    const ref = worker(reference);
    await ref.init();
    await feed(ref, 0, [1000]);
    const sizes = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 });
    let adoptions = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ seed: fc.integer(), oldSizes: sizes, newSizes: sizes, before: fc.integer({ min: 0, max: 8 }), after: fc.integer({ min: 1, max: 8 }), oldDiesAfter: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 30 })) }),
        async ({ seed, oldSizes, newSizes, before, after, oldDiesAfter }) => {
          const store = new DedupStore();
          const random = seededRandom(seed);
          store.yieldTurns = () => Math.floor(random() * 4);
          const oldProcess = killable(store);
          const old = owner(oldProcess, oldProcess);
          await old.worker.init();
          const at = await feed(old.worker, 0, oldSizes, before);
          // From here the old owner is on borrowed time: it handles `after` more batches at most, and is killed
          // after `oldDiesAfter` more store writes (possibly between a range entry and that range's outputs).
          oldProcess.writesLeft = oldDiesAfter;
          const next = owner(store, store);
          await Promise.all([
            feed(old.worker, at, oldSizes, after).catch((e) => {
              if (e.code !== 'KILLED') throw e;
            }),
            (async () => {
              await next.worker.init();
              await feed(next.worker, Number(next.worker.committableOffset ?? 0), newSizes);
            })(),
          ]);
          store.yieldTurns = undefined;
          const third = owner(store, store);
          await third.worker.init();
          await feed(third.worker, Number(third.worker.committableOffset ?? 0), [29]);
          adoptions += old.adopted.length + next.adopted.length;
          expectSameBoundaries(old, next, third);
          expect(summary(store)).toEqual(summary(reference));
          expect((store.tables.get('raw_events') ?? []).length).toBe(events.length);
          expectConsistentSnapshots(store.snapshotWrites);
        },
      ),
      { numRuns: 100, seed: 11 },
    );
    expect(adoptions).toBeGreaterThan(0); // the runs did exercise the race
  });

  // The same schedule on real ClickHouse (chdb, then the HTTP test server in front of it): CheckpointLog's
  // tokens and read-back query, the events_per_minute materialized view, dedup in dependent views.
  async function checkOnClickHouse(store: Store) {
    await migrate(store);
    const writes: Snapshot<ProcessorState>[] = [];
    const checkpoints = recordingSnapshots(new CheckpointLog(store, 'g'), writes);
    const { old, next, third } = await raceStepByStep(store, checkpoints);
    expect(next.adopted).toEqual(['120-134 -> 120-159', '170-184 -> 170-199']);
    expect(old.adopted).toEqual(['160-199 -> 160-169']);
    expectSameBoundaries(old, next, third);
    const [raw] = await store.query<{ n: string; ids: string }>('SELECT toString(count()) AS n, toString(uniqExact(event_id)) AS ids FROM raw_events');
    expect([Number(raw.n), Number(raw.ids)]).toEqual([events.length, events.length]);
    const perMinute = await store.query<{ k: string; n: string }>("SELECT concat(tenant, '|', type, '|', toString(toUnixTimestamp(minute))) AS k, toString(countMerge(events)) AS n FROM events_per_minute GROUP BY k");
    expect(Object.fromEntries(perMinute.map((r) => [r.k, Number(r.n)]))).toEqual(expectedPerMinute());
    const perFrom = await store.query<{ from_offset: string; n: string }>("SELECT toString(from_offset) AS from_offset, toString(count()) AS n FROM pipeline_checkpoints WHERE kind = 'range' GROUP BY from_offset HAVING count() > 1");
    expect(perFrom).toEqual([]);
    const snapshots = expectConsistentSnapshots(writes);
    const [stored] = await store.query<{ n: string }>("SELECT toString(count()) AS n FROM pipeline_checkpoints WHERE kind = 'snapshot'");
    expect(Number(stored.n)).toBe(snapshots); // one row per snapshot offset, whoever wrote it first
  }

  it('holds on the embedded store (chdb): events_per_minute counts every event once', async () => {
    const store = new EmbeddedStore(fs.mkdtempSync(path.join(os.tmpdir(), 'worker-race-embedded-')));
    try {
      await checkOnClickHouse(store);
    } finally {
      await store.close();
    }
  });

  it('holds on the remote store (@clickhouse/client over HTTP): events_per_minute counts every event once', async () => {
    const server = await startClickHouseHttpTestServer({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'worker-race-remote-')), user: 'u', password: 'p' });
    const store = await openStore({ kind: 'remote', url: server.url, user: 'u', password: 'p', database: 'worker_race' });
    try {
      await checkOnClickHouse(store);
    } finally {
      await store.close();
      await server.close();
    }
  });
});
