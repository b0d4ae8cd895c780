/**
 * The sparse index of one segment, like Kafka's .index/.timeindex pair: one entry per `intervalBytes`
 * of log (not per batch), so memory grows with bytes / interval whatever the batch sizes. An entry holds
 * the offset (relative to the segment base) and position of the batch it points at, and the largest
 * record timestamp of the batches from it up to the next entry (for ListOffsets by time).
 * Numbers are float64: exact for offsets, positions and millisecond timestamps below 2^53.
 */
export class SparseIndex {
  private offsets: Float64Array;
  private positions: Float64Array;
  private maxTimestamps: Float64Array;
  count = 0;
  private bytesSinceEntry = Number.POSITIVE_INFINITY;

  constructor(readonly intervalBytes: number, capacity = 16) {
    this.offsets = new Float64Array(capacity);
    this.positions = new Float64Array(capacity);
    this.maxTimestamps = new Float64Array(capacity);
  }

  /** Records one appended batch; it starts a new entry once `intervalBytes` were written since the last. */
  add(relativeOffset: number, position: number, size: number, maxTimestamp: number): void {
    if (this.bytesSinceEntry >= this.intervalBytes) {
      if (this.count === this.offsets.length) this.grow();
      this.offsets[this.count] = relativeOffset;
      this.positions[this.count] = position;
      this.maxTimestamps[this.count] = maxTimestamp;
      this.count++;
      this.bytesSinceEntry = 0;
    } else if (maxTimestamp > this.maxTimestamps[this.count - 1]) {
      this.maxTimestamps[this.count - 1] = maxTimestamp;
    }
    this.bytesSinceEntry += size;
  }

  /** Position of the last entry at or before `relativeOffset` (0 when none): where a scan for it starts. */
  floorPosition(relativeOffset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid] <= relativeOffset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : this.positions[found];
  }

  /** The byte range [from, to) of the first entry holding a timestamp >= `timestamp`, or undefined. */
  rangeForTimestamp(timestamp: number, segmentSize: number): { from: number; to: number } | undefined {
    for (let i = 0; i < this.count; i++) {
      if (this.maxTimestamps[i] >= timestamp) return { from: this.positions[i], to: i + 1 < this.count ? this.positions[i + 1] : segmentSize };
    }
    return undefined;
  }

  /** Serialized form, stored beside a segment file so a restart need not rescan the segment. */
  toBuffer(): Buffer {
    const out = Buffer.allocUnsafe(16 + this.count * 24);
    out.writeDoubleBE(this.intervalBytes, 0);
    out.writeDoubleBE(this.bytesSinceEntry === Number.POSITIVE_INFINITY ? -1 : this.bytesSinceEntry, 8);
    for (let i = 0; i < this.count; i++) {
      out.writeDoubleBE(this.offsets[i], 16 + i * 24);
      out.writeDoubleBE(this.positions[i], 24 + i * 24);
      out.writeDoubleBE(this.maxTimestamps[i], 32 + i * 24);
    }
    return out;
  }

  static fromBuffer(bytes: Buffer): SparseIndex {
    if (bytes.length < 16 || (bytes.length - 16) % 24 !== 0) throw new Error('index file has an invalid length');
    const count = (bytes.length - 16) / 24;
    const index = new SparseIndex(bytes.readDoubleBE(0), Math.max(16, count));
    const since = bytes.readDoubleBE(8);
    index.bytesSinceEntry = since < 0 ? Number.POSITIVE_INFINITY : since;
    for (let i = 0; i < count; i++) {
      index.offsets[i] = bytes.readDoubleBE(16 + i * 24);
      index.positions[i] = bytes.readDoubleBE(24 + i * 24);
      index.maxTimestamps[i] = bytes.readDoubleBE(32 + i * 24);
    }
    index.count = count;
    return index;
  }

  private grow(): void {
    const grow = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.offsets = grow(this.offsets);
    this.positions = grow(this.positions);
    this.maxTimestamps = grow(this.maxTimestamps);
  }
}
