import { endianness } from 'node:os';
import type { SparseFeatures } from './hashed-ngram-featurizer';

const LITTLE_ENDIAN = endianness() === 'LE';

/** A batch of sparse rows padded to one width: the ONNX model's [batch, width] inputs. */
export interface PackedBatch {
  /** int64 bucket indices, row-major; pad slots hold the padding index (a zero weight row). */
  indices: BigInt64Array;
  /** float32 feature values; pad slots hold 0. */
  values: Float32Array;
  rows: number;
  width: number;
}

/**
 * Pads ragged rows to the widest one. The int64 tensor is written through an Int32Array view of its
 * buffer (low word = index, high word = 0; indices are non-negative and x86/ARM are little-endian),
 * which avoids one BigInt conversion per element.
 */
export function packBatch(rows: readonly SparseFeatures[], paddingIndex: number): PackedBatch {
  let width = 1;
  for (const row of rows) if (row.indices.length > width) width = row.indices.length;
  const indices = new BigInt64Array(rows.length * width);
  const words = new Int32Array(indices.buffer);
  const values = new Float32Array(rows.length * width);
  if (!LITTLE_ENDIAN) throw new Error('packBatch writes int64 through 32-bit words and needs a little-endian CPU');
  for (let i = 0; i < words.length; i += 2) words[i] = paddingIndex; // high words stay 0
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const base = r * width;
    for (let j = 0; j < row.indices.length; j++) words[(base + j) * 2] = row.indices[j]!;
    values.set(row.values, base);
  }
  return { indices, values, rows: rows.length, width };
}
