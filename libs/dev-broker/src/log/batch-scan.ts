import { BATCH_OVERHEAD, readBatchHeader, type BatchHeader } from './record-batch';
import type { SegmentStorage } from './segment-storage';

/**
 * The batch headers stored between two positions of a segment, read in large chunks (a handful of
 * reads for thousands of small batches). Stops at a header that is cut off or states an impossible
 * size; a yielded batch may still extend past `to` (a torn write), which the caller checks.
 */
export function* scanBatches(storage: SegmentStorage, from: number, to: number, chunkBytes = 256 * 1024): Generator<{ position: number; header: BatchHeader }> {
  let chunk: Buffer = Buffer.alloc(0);
  let chunkStart = from;
  let position = from;
  while (position + BATCH_OVERHEAD <= to) {
    if (position + BATCH_OVERHEAD > chunkStart + chunk.length) {
      chunk = storage.readAt(position, Math.min(chunkBytes, to - position));
      chunkStart = position;
      if (chunk.length < BATCH_OVERHEAD) return;
    }
    const header = readBatchHeader(chunk, position - chunkStart);
    if (header.size < BATCH_OVERHEAD || header.magic !== 2) return;
    yield { position, header };
    position += header.size;
  }
}
