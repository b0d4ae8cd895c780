import type { SourceRecord } from '@prefstream/events';
import type { RangeEntry } from './checkpoint';

export interface Slice {
  from: string;
  to: string;
  records: SourceRecord[];
  /** True when this slice reproduces a logged range (its outputs may already be written). */
  replayed: boolean;
  idleWatermarkMs?: number;
}

const offsetOf = (r: SourceRecord) => {
  if (r.position.kind !== 'kafka') throw new Error('range slicing needs Kafka positions');
  return BigInt(r.position.offset);
};

/**
 * Cuts a partition's incoming records into units of output. While logged ranges remain (after a
 * restart), records are buffered until a logged range is complete and emitted exactly as logged;
 * afterwards each incoming batch is one slice. Records before the resume offset (already covered by the
 * snapshot, e.g. when the Kafka commit lagged the snapshot) are skipped.
 *
 * A new slice is only a proposal until the range log accepted it: when another owner of the partition
 * logged a different range at the same start first, `adopt` takes the proposal back and cuts the
 * records at the logged end instead.
 */
export class RangeSlicer {
  private pending: SourceRecord[] = [];
  private readonly replay: RangeEntry[];
  /** Next offset expected from Kafka: anything below it was seen already. */
  private nextOffset: bigint | undefined;
  /** Where the next slice's span begins: ranges cover offsets without gaps, even where Kafka has holes. */
  private spanStart: bigint | undefined;

  constructor(startOffset: string | undefined, replay: readonly RangeEntry[]) {
    this.nextOffset = startOffset === undefined ? undefined : BigInt(startOffset);
    this.spanStart = this.nextOffset;
    this.replay = [...replay];
  }

  /** Logged ranges still to reproduce. */
  get replaying(): boolean {
    return this.replay.length > 0;
  }

  push(records: readonly SourceRecord[]): Slice[] {
    const fresh = this.nextOffset === undefined ? [...records] : records.filter((r) => offsetOf(r) >= this.nextOffset!);
    if (fresh.length === 0) return [];
    this.pending.push(...fresh);
    this.nextOffset = offsetOf(fresh[fresh.length - 1]) + 1n;
    this.spanStart ??= offsetOf(fresh[0]);
    return this.cut();
  }

  /**
   * The range log holds `logged` where `proposed` (the last slice emitted, a new one) was to go: another
   * owner of this partition got there first. Takes the proposal's records back and returns the slices
   * that follow the logged range: the logged range itself (marked replayed, since its outputs may be
   * written already) once its records are all here, then a new proposal for whatever is left. If the
   * logged range ends beyond the records buffered so far, nothing is returned until later pushes
   * complete it, exactly as when replaying after a restart.
   */
  adopt(proposed: Slice, logged: RangeEntry): Slice[] {
    if (proposed.replayed || this.replay.length > 0 || this.pending.length > 0 || this.spanStart !== BigInt(proposed.to) + 1n) {
      throw new Error(`adopt: ${proposed.from}-${proposed.to} is not the slice just proposed`);
    }
    if (BigInt(logged.from) !== BigInt(proposed.from) || BigInt(logged.to) < BigInt(logged.from)) {
      throw new Error(`adopt: logged range ${logged.from}-${logged.to} cannot replace ${proposed.from}-${proposed.to}`);
    }
    this.pending = [...proposed.records];
    this.spanStart = BigInt(proposed.from);
    this.replay.unshift(logged);
    return this.cut();
  }

  private cut(): Slice[] {
    const slices: Slice[] = [];
    while (this.replay.length > 0 && this.pending.length > 0) {
      const range = this.replay[0];
      const end = BigInt(range.to);
      const lastPending = offsetOf(this.pending[this.pending.length - 1]);
      if (lastPending < end) break; // wait for the rest of the logged range
      const cut = this.pending.findIndex((r) => offsetOf(r) > end);
      const records = cut === -1 ? this.pending.splice(0) : this.pending.splice(0, cut);
      slices.push({ from: range.from, to: range.to, records, replayed: true, idleWatermarkMs: range.idleWatermarkMs });
      this.replay.shift();
      this.spanStart = end + 1n;
    }
    if (this.replay.length === 0 && this.pending.length > 0) {
      const records = this.pending.splice(0);
      const to = offsetOf(records[records.length - 1]);
      slices.push({ from: String(this.spanStart), to: String(to), records, replayed: false });
      this.spanStart = to + 1n;
    }
    return slices;
  }
}
