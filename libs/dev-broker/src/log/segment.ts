import fs from 'node:fs';
import path from 'node:path';
import { scanBatches } from './batch-scan';
import { crc32c } from './crc32c';
import { CRC_START, readBatchHeader, recordTimestamps, type BatchHeader } from './record-batch';
import { FileSegmentStorage, MemorySegmentStorage, type SegmentStorage } from './segment-storage';
import { SparseIndex } from './sparse-index';

const EMPTY = Buffer.alloc(0);
const LENGTH_PREFIX = 12; // baseOffset(8) + batchLength(4)
const META_BYTES = 24; // segment size, relative next offset, max timestamp: float64 each

export const segmentFileName = (base: bigint) => `${base.toString().padStart(20, '0')}.log`;
const indexFileName = (base: bigint) => `${base.toString().padStart(20, '0')}.index`;

/**
 * One segment of a partition log: a run of batches starting at `baseOffset`, stored verbatim, and
 * its sparse index. Reads locate a batch through the index and scan at most one index interval of
 * headers. With a directory the index is written beside the segment when it is sealed and on close;
 * a segment whose saved index does not match its size (a crash) is rescanned, and the last one is
 * CRC-checked and cut at the first torn or corrupt batch, as Kafka recovers unflushed segments.
 */
export class Segment {
  nextOffset: bigint;
  /** Largest record timestamp (append time for batches without one); -1 when empty. */
  maxTimestamp = -1;

  private constructor(
    readonly baseOffset: bigint,
    private readonly storage: SegmentStorage,
    private index: SparseIndex,
    private readonly indexFile?: string,
  ) {
    this.nextOffset = baseOffset;
  }

  static create(baseOffset: bigint, dir: string | undefined, indexIntervalBytes: number): Segment {
    if (!dir) return new Segment(baseOffset, new MemorySegmentStorage(), new SparseIndex(indexIntervalBytes));
    const storage = new FileSegmentStorage(path.join(dir, segmentFileName(baseOffset)));
    return new Segment(baseOffset, storage, new SparseIndex(indexIntervalBytes), path.join(dir, indexFileName(baseOffset)));
  }

  /** Opens an existing segment file: from its saved index when it matches, else by rescanning. */
  static open(dir: string, baseOffset: bigint, indexIntervalBytes: number, isLast: boolean): Segment {
    const storage = new FileSegmentStorage(path.join(dir, segmentFileName(baseOffset)));
    const indexFile = path.join(dir, indexFileName(baseOffset));
    const segment = new Segment(baseOffset, storage, new SparseIndex(indexIntervalBytes), indexFile);
    if (!segment.loadIndex()) segment.rebuildIndex(isLast, fs.statSync(storage.file).mtimeMs);
    return segment;
  }

  get size(): number {
    return this.storage.size;
  }

  get indexEntries(): number {
    return this.index.count;
  }

  /** Appends one batch whose base offset is already assigned. */
  append(batch: Buffer, header: BatchHeader, appendTime: number): void {
    this.track(header, this.storage.append(batch), appendTime);
  }

  /**
   * Whole batches from the one holding `offset`, at most `maxBytes` of them; when the first batch alone
   * is larger, it is returned only if `minOneBatch` (KIP-74: the first partition of a fetch must progress).
   */
  read(offset: bigint, maxBytes: number, minOneBatch: boolean): Buffer {
    const start = this.locate(offset);
    if (start >= this.size) return EMPTY;
    const firstSize = this.storage.readAt(start, LENGTH_PREFIX).readInt32BE(8) + LENGTH_PREFIX;
    if (firstSize > maxBytes) return minOneBatch ? this.storage.readAt(start, firstSize) : EMPTY;
    const chunk = this.storage.readAt(start, Math.min(maxBytes, this.size - start));
    let end = 0;
    while (end + LENGTH_PREFIX <= chunk.length) {
      const size = chunk.readInt32BE(end + 8) + LENGTH_PREFIX;
      if (end + size > chunk.length) break;
      end += size;
    }
    return chunk.subarray(0, end);
  }

  /** The first offset whose record timestamp is >= `timestamp`, or undefined if this segment has none. */
  offsetForTimestamp(timestamp: number, notBefore: bigint): bigint | undefined {
    if (this.maxTimestamp < timestamp) return undefined;
    const range = this.index.rangeForTimestamp(timestamp, this.size);
    if (!range) return undefined;
    for (const { position, header } of scanBatches(this.storage, range.from, range.to)) {
      if (Number(header.maxTimestamp) < timestamp) continue;
      const records = recordTimestamps(this.storage.readAt(position, header.size));
      const hit = records?.find((r) => r.timestamp >= BigInt(timestamp) && r.offset >= notBefore);
      return hit ? hit.offset : header.baseOffset;
    }
    return undefined;
  }

  /** Persists the index so a restart can skip rescanning (called when sealed and on close). */
  saveIndex(): void {
    if (!this.indexFile) return;
    const meta = Buffer.allocUnsafe(META_BYTES);
    meta.writeDoubleBE(this.size, 0);
    meta.writeDoubleBE(Number(this.nextOffset - this.baseOffset), 8);
    meta.writeDoubleBE(this.maxTimestamp, 16);
    fs.writeFileSync(`${this.indexFile}.tmp`, Buffer.concat([meta, this.index.toBuffer()]));
    fs.renameSync(`${this.indexFile}.tmp`, this.indexFile);
  }

  close(): void {
    this.storage.close();
  }

  remove(): void {
    this.storage.remove();
    if (this.indexFile) fs.rmSync(this.indexFile, { force: true });
  }

  /** Position of the batch holding `offset` (or the first batch after it); `size` when there is none. */
  private locate(offset: bigint): number {
    const from = this.index.floorPosition(Number(offset - this.baseOffset));
    for (const { position, header } of scanBatches(this.storage, from, this.size, 4 * this.index.intervalBytes)) {
      if (header.baseOffset + BigInt(header.lastOffsetDelta) >= offset) return position;
    }
    return this.size;
  }

  private track(header: BatchHeader, position: number, fallbackTime: number): void {
    const timestamp = header.maxTimestamp > 0n ? Number(header.maxTimestamp) : fallbackTime;
    this.index.add(Number(header.baseOffset - this.baseOffset), position, header.size, timestamp);
    this.nextOffset = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
  }

  private loadIndex(): boolean {
    if (!this.indexFile || !fs.existsSync(this.indexFile)) return false;
    try {
      const bytes = fs.readFileSync(this.indexFile);
      if (bytes.length < META_BYTES || bytes.readDoubleBE(0) !== this.size) return false;
      this.index = SparseIndex.fromBuffer(bytes.subarray(META_BYTES));
      this.nextOffset = this.baseOffset + BigInt(bytes.readDoubleBE(8));
      this.maxTimestamp = bytes.readDoubleBE(16);
      return true;
    } catch {
      return false; // an unreadable index is rebuilt from the segment itself
    }
  }

  /** `fallbackTime` stands in for batches without a timestamp (Kafka uses the file's mtime too). */
  private rebuildIndex(verifyChecksums: boolean, fallbackTime: number): void {
    this.index = new SparseIndex(this.index.intervalBytes);
    let end = 0;
    for (const { position, header } of scanBatches(this.storage, 0, this.size)) {
      if (position + header.size > this.size) break;
      if (verifyChecksums) {
        const batch = this.storage.readAt(position, header.size);
        if (crc32c(batch, CRC_START) !== readBatchHeader(batch).crc) break;
      }
      this.track(header, position, fallbackTime);
      end = position + header.size;
    }
    if (end < this.size) this.storage.truncate(end);
  }
}
