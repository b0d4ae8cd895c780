import fs from 'node:fs';

/** The bytes of one log segment: append-only, read by position. A file with a data dir, memory without. */
export interface SegmentStorage {
  readonly size: number;
  /** Appends and returns the position the bytes were written at. */
  append(bytes: Buffer): number;
  /** Up to `length` bytes from `position` (fewer at the end). May share memory with the store: do not mutate. */
  readAt(position: number, length: number): Buffer;
  truncate(size: number): void;
  close(): void;
  /** Closes and deletes the bytes (retention, topic deletion). */
  remove(): void;
}

export class FileSegmentStorage implements SegmentStorage {
  private fd: number;
  size: number;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'a+');
    this.size = fs.fstatSync(this.fd).size;
  }

  append(bytes: Buffer): number {
    const position = this.size;
    fs.writeSync(this.fd, bytes, 0, bytes.length, position);
    this.size += bytes.length;
    return position;
  }

  readAt(position: number, length: number): Buffer {
    const n = Math.max(0, Math.min(length, this.size - position));
    const out = Buffer.allocUnsafe(n);
    let read = 0;
    while (read < n) {
      const got = fs.readSync(this.fd, out, read, n - read, position + read);
      if (got === 0) break;
      read += got;
    }
    return read === n ? out : out.subarray(0, read);
  }

  truncate(size: number): void {
    fs.ftruncateSync(this.fd, size);
    this.size = size;
  }

  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }

  remove(): void {
    this.close();
    fs.rmSync(this.file, { force: true });
  }
}

/** A segment held in one growable buffer (doubling), for the in-memory broker. */
export class MemorySegmentStorage implements SegmentStorage {
  private bytes = Buffer.alloc(0);
  size = 0;

  append(bytes: Buffer): number {
    const position = this.size;
    if (position + bytes.length > this.bytes.length) {
      // Readers may hold views of the old buffer; they stay valid because bytes are never rewritten.
      const grown = Buffer.allocUnsafe(Math.max(64 * 1024, 2 * this.bytes.length, position + bytes.length));
      this.bytes.copy(grown, 0, 0, position);
      this.bytes = grown;
    }
    bytes.copy(this.bytes, position);
    this.size += bytes.length;
    return position;
  }

  readAt(position: number, length: number): Buffer {
    return this.bytes.subarray(position, Math.min(this.size, position + Math.max(0, length)));
  }

  truncate(size: number): void {
    this.size = Math.min(this.size, size);
  }

  close(): void {
    this.bytes = Buffer.alloc(0);
    this.size = 0;
  }

  remove(): void {
    this.close();
  }
}
