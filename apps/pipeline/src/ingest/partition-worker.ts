import { isRetriable } from '@prefstream/errors';
import type { PrefEvent, SourceRecord } from '@prefstream/events';
import { dedupToken, planRecovery, PartitionProcessor, RangeSlicer, sameRange, type ProcessorOutput, type ProcessorState, type RangeEntry, type SliceScores, type Slice } from '@prefstream/processing';
import type { CheckpointStore } from './checkpoint-log';
import type { OutputStore } from './output-store';

export interface PartitionWorkerOptions {
  topic: string;
  partition: number;
  store: OutputStore;
  checkpoints: CheckpointStore;
  createProcessor: (state?: ProcessorState) => PartitionProcessor;
  /** Snapshot the state after this many slices or this much time, whichever comes first. */
  snapshotEverySlices: number;
  snapshotEveryMs: number;
  /**
   * Classifier scores for a slice's texts, computed before it is processed (ONNX in worker threads).
   * Must be deterministic: a replayed slice has to get the same scores to produce the same rows.
   */
  scoreSlice?: (events: readonly PrefEvent[]) => Promise<SliceScores>;
  /** Called with rejected records after their slice's outputs are durable (dead-letter topic). */
  deadLetter?: (output: ProcessorOutput, slice: Slice) => Promise<void>;
  /** Called before each retry while the store is unavailable; should keep the group membership alive. */
  onBlocked?: (blocked: boolean, error?: unknown) => Promise<void> | void;
  onInsert?: (table: string, seconds: number, failedAttempts: number) => void;
  onSlice?: (slice: Slice, output: ProcessorOutput, seconds: number) => void;
  /** Called when the range log already held another range at a proposed slice's start (another owner wrote it). */
  onAdopted?: (proposed: Slice, logged: RangeEntry) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Owns one partition while it is assigned here: restores its state from the last snapshot, reproduces
 * logged ranges exactly, and for each slice writes the range log entry, then every output with its
 * dedup token, then (every so often) a snapshot whose offset becomes the Kafka commit.
 *
 * Two workers can own the same partition for a while (a rebalance moved it while the old owner was
 * still writing). The range log is a first-writer-wins register keyed by a range's start, so a new
 * slice is only a proposal: if the log answers with another range at that start, this worker processes
 * the logged range instead and proposes the rest anew. Both owners then cut every slice at the same
 * boundaries, their outputs carry the same tokens, and the store keeps one copy.
 */
export class PartitionWorker {
  private processor!: PartitionProcessor;
  private slicer!: RangeSlicer;
  private slicesSinceSnapshot = 0;
  private lastSnapshotAt = 0;
  private nextOffset: string | undefined;
  private snapshotOffset: string | undefined;
  private heartbeat: (() => Promise<void>) | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PartitionWorkerOptions) {}

  async init(): Promise<void> {
    const { topic, partition } = this.options;
    const { snapshot, ranges } = await this.retrying('pipeline_checkpoints', () => this.options.checkpoints.load(topic, partition));
    const plan = planRecovery(snapshot, ranges);
    this.processor = this.options.createProcessor(plan.state);
    this.slicer = new RangeSlicer(plan.startOffset, plan.replay);
    this.snapshotOffset = snapshot?.nextOffset;
    // A snapshot holds the whole open state and stalls its partition while it is built. Partitions start
    // together, so their first interval is shortened by a per-partition fraction (golden-ratio spread) to
    // keep their snapshots from landing at the same moment ever after.
    this.lastSnapshotAt = this.now() - this.options.snapshotEveryMs * ((partition * 0.6180339887) % 1);
  }

  /** The offset to resume from if this process stopped now (the last durable snapshot). */
  get committableOffset(): string | undefined {
    return this.snapshotOffset;
  }

  /** What the partition's operator state holds now (open conversations and turns, ...). */
  get stateStats() {
    return this.processor.enrichmentStats();
  }

  /** Next offset to process (for lag). */
  get position(): string | undefined {
    return this.nextOffset;
  }

  /**
   * Processes one fetched batch; resolves with the offset to commit, if a snapshot was taken. Calls run
   * one at a time: a batch abandoned on a rebalance may still be running when the partition's next batch
   * arrives, and both would otherwise change the same state.
   */
  handle(records: readonly SourceRecord[], options: { forceSnapshot?: boolean; heartbeat?: () => Promise<void> } = {}): Promise<string | undefined> {
    return this.oneAtATime(() => this.handleNow(records, options));
  }

  /** Writes a snapshot of the state as of the last processed slice; returns its offset. */
  snapshot(): Promise<string | undefined> {
    return this.oneAtATime(() => this.snapshotNow());
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.running.then(work);
    this.running = run.catch(() => undefined);
    return run;
  }

  private async handleNow(records: readonly SourceRecord[], options: { forceSnapshot?: boolean; heartbeat?: () => Promise<void> }): Promise<string | undefined> {
    this.heartbeat = options.heartbeat;
    let commit: string | undefined;
    const { topic, partition } = this.options;
    const queue = this.slicer.push(records);
    for (let slice = queue.shift(); slice; slice = queue.shift()) {
      const started = this.now();
      if (!slice.replayed) {
        const proposed: RangeEntry = { topic, partition, from: slice.from, to: slice.to, ...(slice.idleWatermarkMs ? { idleWatermarkMs: slice.idleWatermarkMs } : {}) };
        const logged = await this.retrying('pipeline_checkpoints', () => this.options.checkpoints.logRange(proposed));
        if (!sameRange(logged, proposed)) {
          // Another owner logged this start first: its range is the unit of work. A new slice is always the
          // last one cut, so nothing else is queued behind it.
          this.options.onAdopted?.(slice, logged);
          queue.push(...this.slicer.adopt(slice, logged));
          continue;
        }
      }
      const decoded = this.processor.decode(slice.records);
      const scores = this.options.scoreSlice ? await this.options.scoreSlice(decoded.accepted.map((a) => a.event)) : undefined;
      const output = this.processor.processDecoded(decoded, started, scores);
      const { from, to } = slice;
      await Promise.all(
        Object.entries(output.tables)
          .filter(([, rows]) => rows.length > 0)
          .map(([table, rows]) => this.retrying(table, () => this.options.store.insert(table, rows, { dedupToken: dedupToken(topic, partition, from, to, table) }))),
      );
      await this.options.deadLetter?.(output, slice);
      this.nextOffset = String(BigInt(slice.to) + 1n);
      this.slicesSinceSnapshot++;
      this.options.onSlice?.(slice, output, (this.now() - started) / 1000);
      if (this.slicesSinceSnapshot >= this.options.snapshotEverySlices || this.now() - this.lastSnapshotAt >= this.options.snapshotEveryMs) {
        commit = await this.snapshotNow();
      }
    }
    if (options.forceSnapshot && this.nextOffset !== this.snapshotOffset && !this.slicer.replaying) commit = await this.snapshotNow();
    return commit;
  }

  private async snapshotNow(): Promise<string | undefined> {
    if (this.nextOffset === undefined) return this.snapshotOffset;
    const { topic, partition } = this.options;
    const snapshot = { topic, partition, nextOffset: this.nextOffset, state: this.processor.snapshot() };
    await this.retrying('pipeline_checkpoints', () => this.options.checkpoints.saveSnapshot(snapshot));
    this.slicesSinceSnapshot = 0;
    this.lastSnapshotAt = this.now();
    this.snapshotOffset = this.nextOffset;
    return this.snapshotOffset;
  }

  /**
   * Retries a store operation for as long as its errors are retriable: an outage blocks this partition
   * (back-pressure: no more fetches for it, memory flat) instead of dropping or skipping anything. A
   * non-retriable error is a bug or a schema mismatch; it propagates and stops the process, and the
   * restart resumes from the last snapshot.
   */
  private async retrying<T>(table: string, operation: () => Promise<T>): Promise<T> {
    let failures = 0;
    const started = this.now();
    for (;;) {
      try {
        const result = await operation();
        if (failures > 0) await this.options.onBlocked?.(false);
        this.options.onInsert?.(table, (this.now() - started) / 1000, failures);
        return result;
      } catch (error) {
        if (!isRetriable(error)) throw error;
        failures++;
        await this.options.onBlocked?.(true, error);
        await this.waitKeepingAlive(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** Sleeps before a retry, heartbeating the group at least every second so the partition is not taken away. */
  private async waitKeepingAlive(ms: number): Promise<void> {
    const sleep = this.options.sleep ?? sleepFor;
    for (let left = ms; left > 0; left -= 1000) {
      await sleep(Math.min(1000, left));
      await this.heartbeat?.();
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
