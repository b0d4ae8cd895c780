import fs from 'node:fs';
import type { SourceRecord } from '@prefstream/events';

export interface NdjsonReadOptions {
  /** Records per yielded batch. */
  batchSize?: number;
  /**
   * Lines longer than this are not buffered whole: the first `maxLineBytes + 1` bytes are kept (so the
   * decoder rejects the record as oversize) and the rest is skipped up to the next newline.
   */
  maxLineBytes?: number;
  /** Read buffer size; memory stays near this plus one batch whatever the file size. */
  chunkBytes?: number;
  /** Called after each chunk with the bytes read so far (drives the progress bar). */
  onProgress?: (bytesRead: number) => void;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Streams a newline-delimited file as batches of raw records, without loading it whole and without
 * decoding text (UTF-8 validity is the decoder's job, per line). Blank lines are skipped; line numbers
 * are 1-based and count blank lines, so a rejection points at the right line of the file.
 */
export async function* readNdjsonFile(path: string, options: NdjsonReadOptions = {}): AsyncGenerator<SourceRecord[]> {
  const batchSize = options.batchSize ?? 1000;
  const maxLineBytes = options.maxLineBytes ?? 1_048_576;
  const stream = fs.createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = 0; // bytes of an oversize line dropped so far (0 = not skipping)
  let line = 0;
  let bytesRead = 0;
  let batch: SourceRecord[] = [];

  const emit = (parts: Buffer[], totalBytes: number) => {
    line++;
    let value = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    if (value.length > 0 && value[value.length - 1] === CR) value = value.subarray(0, value.length - 1);
    const record: SourceRecord = { value, position: { kind: 'file', path, line } };
    if (totalBytes > maxLineBytes) record.truncatedFromBytes = totalBytes;
    if (value.length > 0 && !isBlank(value)) batch.push(record);
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (skipping > 0) {
        skipping += piece.length;
      } else if (pendingBytes + piece.length > maxLineBytes + 1) {
        // Keep just enough to prove the line is too long, then drop the rest of it.
        const keep = maxLineBytes + 1 - pendingBytes;
        pending.push(Buffer.from(piece.subarray(0, keep)));
        skipping = pendingBytes + piece.length;
        pendingBytes = maxLineBytes + 1;
      } else if (piece.length > 0) {
        // Copy when the line continues into the next chunk, so the chunk itself can be released.
        pending.push(nl === -1 ? Buffer.from(piece) : piece);
        pendingBytes += piece.length;
      }
      if (nl === -1) break;
      emit(pending, skipping > 0 ? skipping : pendingBytes);
      pending = [];
      pendingBytes = 0;
      skipping = 0;
      start = nl + 1;
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    options.onProgress?.(bytesRead);
  }
  if (pendingBytes > 0 || skipping > 0) emit(pending, skipping > 0 ? skipping : pendingBytes);
  if (batch.length > 0) yield batch;
}

function isBlank(value: Uint8Array): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== 0x20 && c !== 0x09 && c !== CR) return false;
  }
  return true;
}
