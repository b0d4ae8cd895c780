import fc from 'fast-check';
import type { SourceRecord } from '@prefstream/events';
import { createUserHasher, PartitionProcessor, type ProcessorState, type RangeEntry, type Snapshot } from '@prefstream/processing';
import { generateSyntheticTraffic } from '@prefstream/sources';
import { PrefstreamError } from '@prefstream/errors';
import type { CheckpointStore } from './checkpoint-log';
import type { OutputStore } from './output-store';
import { PartitionWorker } from './partition-worker';

/** A store with ClickHouse's insert-deduplication semantics: a token seen before writes nothing. */
class DedupStore implements OutputStore, CheckpointStore {
  tokens = new Set<string>();
  tables = new Map<string, object[]>();
  snapshots: Snapshot<ProcessorState>[] = [];
  ranges: RangeEntry[] = [];
  failNext = 0;
  /** Simulated kill -9: after this many more writes (data or checkpoint), every write throws. */
  crashAfter = Infinity;
  private maybeCrash() {
    if (this.crashAfter-- <= 0) throw new PrefstreamError('process killed', { code: 'KILLED', retriable: false });
  }
  async insert(table: string, rows: readonly object[], { dedupToken }: { dedupToken: string }) {
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
    const snapshot = this.snapshots.reduce<Snapshot<ProcessorState> | undefined>((best, s) => (!best || BigInt(s.nextOffset) > BigInt(best.nextOffset) ? s : best), undefined);
    return { snapshot, ranges: [...this.ranges] };
  }
  async logRange(range: RangeEntry) {
    this.maybeCrash();
    this.ranges.push(range);
  }
  async saveSnapshot(snapshot: Snapshot<ProcessorState>) {
    this.maybeCrash();
    this.snapshots.push(structuredClone(snapshot));
  }
}

const hashUser = createUserHasher('k'.repeat(32));
const records: SourceRecord[] = (() => {
  let offset = 0;
  const events = [...generateSyntheticTraffic({ conversations: 60, seed: 5 })];
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
