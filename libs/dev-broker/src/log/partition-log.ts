import fs from 'node:fs';
import path from 'node:path';
import { readBatchHeader, recordTimestamps, withBaseOffset, BATCH_OVERHEAD } from './record-batch';

export interface LogOptions {
  /** Directory of this partition's segment files; in memory when undefined. */
  dir?: string;
  segmentBytes: number;
  retentionBytes?: number;
  retentionMs?: number;
}

interface Segment {
  baseOffset: bigint;
  file?: string;
  fd?: number;
  size: number;
  batches: number;
  maxTimestamp: bigint;
}

interface BatchEntry {
  baseOffset: bigint;
  lastOffset: bigint;
  maxTimestamp: bigint;
  size: number;
  segment: Segment;
  position: number;
  /** The batch bytes, in memory mode only. */
  data?: Buffer;
}

const segmentName = (base: bigint) => `${base.toString().padStart(20, '0')}.log`;

/**
 * One partition's log: batches appended with consecutive offsets, read back by offset. With a directory,
 * batches live in segment files (rolled at `segmentBytes`) and only a small per-batch index stays in
 * memory; retention deletes whole old segments by size or age, moving the log start offset.
 */
export class PartitionLog {
  private entries: BatchEntry[] = [];
  private segments: Segment[] = [];
  private producers = new Map<bigint, { baseSequence: number; baseOffset: bigint }>();
  nextOffset = 0n;
  logStartOffset = 0n;
  private bytes = 0;

  constructor(private readonly options: LogOptions) {
    if (options.dir) {
      fs.mkdirSync(options.dir, { recursive: true });
      this.recover(options.dir);
    }
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** Appends validated batches; returns the base offset of the first. Retried idempotent batches are not appended twice. */
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
      const stored = withBaseOffset(batch, base);
      this.write(stored, base, base + BigInt(header.lastOffsetDelta), header.maxTimestamp > 0n ? header.maxTimestamp : BigInt(now));
      if (header.producerId >= 0n) this.producers.set(header.producerId, { baseSequence: header.baseSequence, baseOffset: base });
      this.nextOffset = base + BigInt(header.lastOffsetDelta) + 1n;
      first ??= base;
    }
    if (this.segments.length > 1) this.enforceRetention(now);
    return first ?? this.nextOffset;
  }

  /** Whole batches from the one containing `offset`, up to `maxBytes` (always at least one batch). */
  read(offset: bigint, maxBytes: number): Buffer[] {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    const out: Buffer[] = [];
    let total = 0;
    for (let i = lo; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (out.length > 0 && total + entry.size > maxBytes) break;
      out.push(this.load(entry));
      total += entry.size;
    }
    return out;
  }

  /** The earliest offset whose record timestamp is >= `timestamp`, or -1 if none (ListOffsets by time). */
  offsetForTimestamp(timestamp: bigint): bigint {
    for (const entry of this.entries) {
      if (entry.maxTimestamp < timestamp) continue;
      const records = recordTimestamps(this.load(entry));
      const hit = records?.find((r) => r.timestamp >= timestamp && r.offset >= this.logStartOffset);
      return hit ? hit.offset : entry.baseOffset;
    }
    return -1n;
  }

  /** Deletes whole segments past the size or age limit (never the active one). */
  enforceRetention(now: number): void {
    const { retentionBytes, retentionMs } = this.options;
    while (this.segments.length > 1) {
      const oldest = this.segments[0];
      const tooBig = retentionBytes !== undefined && this.bytes > retentionBytes;
      const tooOld = retentionMs !== undefined && oldest.batches > 0 && Number(oldest.maxTimestamp) < now - retentionMs;
      if (!tooBig && !tooOld) break;
      this.segments.shift();
      this.entries = this.entries.slice(oldest.batches);
      this.bytes -= oldest.size;
      this.logStartOffset = this.segments[0].baseOffset;
      if (oldest.fd !== undefined) fs.closeSync(oldest.fd);
      if (oldest.file) fs.rmSync(oldest.file, { force: true });
    }
  }

  close(): void {
    for (const s of this.segments) if (s.fd !== undefined) fs.closeSync(s.fd);
    this.segments = [];
    this.entries = [];
  }

  /** Deletes this log's files (topic deletion). */
  destroy(): void {
    this.close();
    if (this.options.dir) fs.rmSync(this.options.dir, { recursive: true, force: true });
  }

  private activeSegment(base: bigint, size: number): Segment {
    const last = this.segments[this.segments.length - 1];
    if (last && last.size + size <= this.options.segmentBytes) return last;
    const segment: Segment = { baseOffset: base, size: 0, batches: 0, maxTimestamp: 0n };
    if (this.options.dir) {
      segment.file = path.join(this.options.dir, segmentName(base));
      segment.fd = fs.openSync(segment.file, 'a+');
    }
    this.segments.push(segment);
    return segment;
  }

  private write(batch: Buffer, base: bigint, last: bigint, maxTimestamp: bigint): void {
    const segment = this.activeSegment(base, batch.length);
    const position = segment.size;
    if (segment.fd !== undefined) fs.writeSync(segment.fd, batch, 0, batch.length, position);
    this.entries.push({ baseOffset: base, lastOffset: last, maxTimestamp, size: batch.length, segment, position, data: segment.fd === undefined ? batch : undefined });
    segment.size += batch.length;
    segment.batches++;
    if (maxTimestamp > segment.maxTimestamp) segment.maxTimestamp = maxTimestamp;
    this.bytes += batch.length;
  }

  private load(entry: BatchEntry): Buffer {
    if (entry.data) return entry.data;
    const buf = Buffer.allocUnsafe(entry.size);
    fs.readSync(entry.segment.fd!, buf, 0, entry.size, entry.position);
    return buf;
  }

  /** Rebuilds the index from segment files; a torn batch at the end of the last file is cut off. */
  private recover(dir: string): void {
    const files = fs.readdirSync(dir).filter((f) => /^\d{20}\.log$/.test(f)).sort();
    for (const name of files) {
      const file = path.join(dir, name);
      const fd = fs.openSync(file, 'a+');
      const fileSize = fs.fstatSync(fd).size;
      const segment: Segment = { baseOffset: BigInt(name.slice(0, 20)), file, fd, size: 0, batches: 0, maxTimestamp: 0n };
      const head = Buffer.alloc(BATCH_OVERHEAD);
      let position = 0;
      while (position + BATCH_OVERHEAD <= fileSize) {
        fs.readSync(fd, head, 0, BATCH_OVERHEAD, position);
        const header = readBatchHeader(head);
        if (header.size < BATCH_OVERHEAD || position + header.size > fileSize) break;
        const last = header.baseOffset + BigInt(header.lastOffsetDelta);
        this.entries.push({ baseOffset: header.baseOffset, lastOffset: last, maxTimestamp: header.maxTimestamp, size: header.size, segment, position });
        segment.batches++;
        if (header.maxTimestamp > segment.maxTimestamp) segment.maxTimestamp = header.maxTimestamp;
        position += header.size;
        this.nextOffset = last + 1n;
      }
      if (position < fileSize) fs.ftruncateSync(fd, position);
      segment.size = position;
      this.bytes += position;
      this.segments.push(segment);
    }
    if (this.segments.length) this.logStartOffset = this.entries[0]?.baseOffset ?? this.segments[0].baseOffset;
    if (this.entries.length === 0 && this.segments.length) this.nextOffset = this.segments[this.segments.length - 1].baseOffset;
  }
}
