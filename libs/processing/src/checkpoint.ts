/**
 * The effectively-once protocol, per partition (see docs/ingestion.md):
 *
 * 1. Before writing the outputs of records [from, to], log the range (`RangeEntry`).
 * 2. Write every output with the dedup token `dedupToken(topic, partition, from, to, table, chunk)`.
 * 3. Every so often, after a range's outputs are durable, write a `Snapshot` of the operator state as of
 *    `nextOffset = to + 1`, then commit that offset to Kafka.
 *
 * On restart the new owner loads the latest snapshot and the ranges logged after it, re-reads from the
 * snapshot's offset and cuts the records into exactly the logged ranges again. Processing is
 * deterministic given state and input, so a re-written range produces the same rows with the same
 * tokens, and ClickHouse's insert deduplication drops them. Ranges beyond the log are new work.
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
 */
export function planRecovery<State>(snapshot: Snapshot<State> | undefined, ranges: readonly RangeEntry[]): RecoveryPlan<State> {
  if (!snapshot) {
    const sorted = [...ranges].sort((a, b) => (big(a.from) < big(b.from) ? -1 : 1));
    // Without a snapshot the state is empty; ranges are still replayed (with an empty state) from the first.
    return { startOffset: sorted[0]?.from, state: undefined, replay: contiguous(sorted, sorted[0]?.from) };
  }
  const after = ranges.filter((r) => big(r.from) >= big(snapshot.nextOffset)).sort((a, b) => (big(a.from) < big(b.from) ? -1 : 1));
  return { startOffset: snapshot.nextOffset, state: snapshot.state, replay: contiguous(after, snapshot.nextOffset) };
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
