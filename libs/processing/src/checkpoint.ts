/**
 * The effectively-once protocol, per partition (see docs/ingestion.md):
 *
 * 1. Before writing the outputs of records [from, to], log the range (`RangeEntry`). The range log is a
 *    first-writer-wins register keyed by `from`: the entry's insert token is `rangeLogToken(...)`, which
 *    does not depend on `to`, so when two owners of a partition (the old one finishing an in-flight
 *    slice after a rebalance, and the new one) propose different ends for the same `from`, the store
 *    keeps the first. Each writer reads the entry back and, if it lost, processes exactly the logged
 *    range instead of its own (`RangeSlicer.adopt`).
 * 2. Write every output with the dedup token `dedupToken(topic, partition, from, to, table, chunk)`.
 * 3. Every so often, after a range's outputs are durable, write a `Snapshot` of the operator state as of
 *    `nextOffset = to + 1`, then commit that offset to Kafka.
 *
 * On restart the new owner loads the latest snapshot and the ranges logged after it, re-reads from the
 * snapshot's offset and cuts the records into exactly the logged ranges again. Processing is
 * deterministic given state and input, so a re-written range produces the same rows with the same
 * tokens, and ClickHouse's insert deduplication drops them. Ranges beyond the log are new work, and go
 * through the register like any other.
 */
export interface Snapshot<State> {
  topic: string;
  partition: number;
  /** Offset of the first record the state has not seen. */
  nextOffset: string;
  state: State;
}

export interface RangeEntry {
  topic: string;
  partition: number;
  /** Inclusive offsets of the records processed together as one unit of output. */
  from: string;
  to: string;
  /**
   * The idle-watermark advance applied after the range, if any. Wall-clock time enters the pipeline only
   * here (sessions on a partition with no traffic must still close); logging it makes replays repeat it.
   */
  idleWatermarkMs?: number;
}

export interface RecoveryPlan<State> {
  startOffset: string | undefined;
  state: State | undefined;
  /** Logged ranges to reproduce exactly, in order, contiguous from startOffset. */
  replay: RangeEntry[];
}

const big = (offset: string) => BigInt(offset);

/**
 * Decides where a partition resumes. Ranges that start before the snapshot are already covered by it;
 * the replay list stops at the first gap, since a gap means the log after it can't be trusted to line up.
 *
 * `ranges` may hold more than one entry for a `from` (only if the store's deduplication window was
 * exceeded between two proposals, or from rows logged before the register existed): the first one given
 * for a `from` is the register's value, so the store lists them in its precedence order (the order in
 * which a read-back of that `from` would rank them).
 */
export function planRecovery<State>(snapshot: Snapshot<State> | undefined, logged: readonly RangeEntry[]): RecoveryPlan<State> {
  const ranges = firstPerFrom(logged);
  if (!snapshot) {
    const sorted = [...ranges].sort((a, b) => (big(a.from) < big(b.from) ? -1 : 1));
    // Without a snapshot the state is empty; ranges are still replayed (with an empty state) from the first.
    return { startOffset: sorted[0]?.from, state: undefined, replay: contiguous(sorted, sorted[0]?.from) };
  }
  const after = ranges.filter((r) => big(r.from) >= big(snapshot.nextOffset)).sort((a, b) => (big(a.from) < big(b.from) ? -1 : 1));
  return { startOffset: snapshot.nextOffset, state: snapshot.state, replay: contiguous(after, snapshot.nextOffset) };
}

function firstPerFrom(ranges: readonly RangeEntry[]): RangeEntry[] {
  const seen = new Set<string>();
  const out: RangeEntry[] = [];
  for (const range of ranges) {
    const key = String(big(range.from));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(range);
  }
  return out;
}

function contiguous(sorted: RangeEntry[], start: string | undefined): RangeEntry[] {
  const out: RangeEntry[] = [];
  let expected = start === undefined ? undefined : big(start);
  for (const range of sorted) {
    if (expected !== undefined && big(range.from) !== expected) break;
    if (big(range.to) < big(range.from)) break;
    out.push(range);
    expected = big(range.to) + 1n;
  }
  return out;
}

/** The insert deduplication token of one output chunk: a pure function of where its inputs came from. */
export function dedupToken(topic: string, partition: number, from: string, to: string, table: string, chunk = 0): string {
  return `${topic}/${partition}/${from}-${to}/${table}/${chunk}`;
}

/**
 * The insert deduplication token of a range log entry. It names the register slot - the range's start -
 * and deliberately not its end: two proposals for the same `from` carry the same token, so the store keeps
 * the first one written and drops the other, whatever `to` each proposed.
 */
export function rangeLogToken(group: string, topic: string, partition: number, from: string): string {
  return `checkpoint/${group}/${topic}/${partition}/range/${BigInt(from)}`;
}

/** Whether two entries for the same slot describe the same unit of work (same end, same idle advance). */
export function sameRange(a: RangeEntry, b: RangeEntry): boolean {
  return big(a.from) === big(b.from) && big(a.to) === big(b.to) && (a.idleWatermarkMs ?? 0) === (b.idleWatermarkMs ?? 0);
}
