import fs from 'node:fs';
import path from 'node:path';
import { readBatchHeader, setBaseOffset } from './record-batch';
import { Segment } from './segment';

export interface LogOptions {
  /** Directory of this partition's segment files; in memory when undefined. */
  dir?: string;
  segmentBytes: number;
  /** Bytes of log per sparse-index entry (Kafka's index.interval.bytes). */
  indexIntervalBytes?: number;
  retentionBytes?: number;
  retentionMs?: number;
}

const SEGMENT_FILE = /^(\d{20})\.log$/;

/**
 * One partition's log: batches appended with consecutive offsets, read back by offset. Batches live
 * in segments (rolled at `segmentBytes`), files with a data dir, memory without; each segment keeps
 * a sparse index, so memory stays small however many batches the log holds. Retention deletes whole
 * old segments by size or age, moving the log start offset.
 */
export class PartitionLog {
  private segments: Segment[] = [];
  /** Idempotent producers: the last batch appended per producer id, so a retried batch is not appended twice. */
  private producers = new Map<bigint, { baseSequence: number; baseOffset: bigint }>();
  nextOffset = 0n;
  logStartOffset = 0n;
  private bytes = 0;
  private readonly indexIntervalBytes: number;

  constructor(private readonly options: LogOptions) {
    this.indexIntervalBytes = options.indexIntervalBytes ?? 4096;
    if (options.dir) {
      fs.mkdirSync(options.dir, { recursive: true });
      this.recover(options.dir);
    }
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** Sparse-index entries held in memory across all segments (what bounds this log's memory). */
  get indexEntries(): number {
    return this.segments.reduce((n, s) => n + s.indexEntries, 0);
  }

  /**
   * Appends validated batches (the request's buffers are rewritten in place with their offsets) and
   * returns the base offset of the first. A retried idempotent batch returns its original offset.
   */
  append(batches: Buffer[], now: number): bigint {
    let first: bigint | undefined;
    for (const batch of batches) {
      const header = readBatchHeader(batch);
      if (header.producerId >= 0n && header.baseSequence >= 0) {
        const last = this.producers.get(header.producerId);
        if (last && last.baseSequence === header.baseSequence) {
          first ??= last.baseOffset;
          continue;
        }
      }
      const base = this.nextOffset;
      setBaseOffset(batch, base);
      header.baseOffset = base;
      this.activeSegment(base, batch.length).append(batch, header, now);
      this.bytes += batch.length;
      if (header.producerId >= 0n) this.producers.set(header.producerId, { baseSequence: header.baseSequence, baseOffset: base });
      this.nextOffset = base + BigInt(header.lastOffsetDelta) + 1n;
      first ??= base;
    }
    if (this.segments.length > 1) this.enforceRetention(now);
    return first ?? this.nextOffset;
  }

  /**
   * Whole batches from the one holding `offset`, up to `maxBytes`, from one segment (the client asks
   * again for the rest). A first batch larger than `maxBytes` comes back only if `minOneBatch`.
   */
  read(offset: bigint, maxBytes: number, minOneBatch = true): Buffer {
    let i = this.segmentIndexFor(offset);
    while (i < this.segments.length && this.segments[i].nextOffset <= offset) i++;
    if (i >= this.segments.length || (maxBytes <= 0 && !minOneBatch)) return Buffer.alloc(0);
    return this.segments[i].read(offset, maxBytes, minOneBatch);
  }

  /** The earliest offset whose record timestamp is >= `timestamp`, or -1 if none (ListOffsets by time). */
  offsetForTimestamp(timestamp: bigint): bigint {
    for (const segment of this.segments) {
      const hit = segment.offsetForTimestamp(Number(timestamp), this.logStartOffset);
      if (hit !== undefined) return hit;
    }
    return -1n;
  }

  /** Deletes whole segments past the size or age limit (never the active one). */
  enforceRetention(now: number): void {
    const { retentionBytes, retentionMs } = this.options;
    while (this.segments.length > 1) {
      const oldest = this.segments[0];
      const tooBig = retentionBytes !== undefined && this.bytes > retentionBytes;
      const tooOld = retentionMs !== undefined && oldest.maxTimestamp >= 0 && oldest.maxTimestamp < now - retentionMs;
      if (!tooBig && !tooOld) break;
      this.segments.shift();
      this.bytes -= oldest.size;
      oldest.remove();
      this.logStartOffset = this.segments[0].baseOffset;
    }
  }

  close(): void {
    this.segments[this.segments.length - 1]?.saveIndex();
    for (const s of this.segments) s.close();
    this.segments = [];
  }

  /** Deletes this log's files (topic deletion). */
  destroy(): void {
    for (const s of this.segments) s.remove();
    this.segments = [];
    if (this.options.dir) fs.rmSync(this.options.dir, { recursive: true, force: true });
  }

  private segmentIndexFor(offset: bigint): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid].baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private activeSegment(base: bigint, size: number): Segment {
    const last = this.segments[this.segments.length - 1];
    if (last && (last.size === 0 || last.size + size <= this.options.segmentBytes)) return last;
    last?.saveIndex(); // sealed: its index will not change again
    const segment = Segment.create(base, this.options.dir, this.indexIntervalBytes);
    this.segments.push(segment);
    return segment;
  }

  /** Reopens segment files in offset order; only the last one may need a checksum-verified rescan. */
  private recover(dir: string): void {
    const bases = fs.readdirSync(dir).map((f) => SEGMENT_FILE.exec(f)?.[1]).filter((b): b is string => b !== undefined).sort();
    bases.forEach((base, i) => {
      const segment = Segment.open(dir, BigInt(base), this.indexIntervalBytes, i === bases.length - 1);
      this.segments.push(segment);
      this.bytes += segment.size;
    });
    if (this.segments.length === 0) return;
    this.logStartOffset = this.segments[0].baseOffset;
    this.nextOffset = this.segments[this.segments.length - 1].nextOffset;
    for (const name of fs.readdirSync(dir)) if (name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
  }
}
