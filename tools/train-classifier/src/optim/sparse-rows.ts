/** Training rows as one compressed sparse row (CSR) matrix: cheap to sweep once per gradient. */
export interface SparseRows {
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  rows: number;
}

export function toSparseRows(rows: readonly { indices: Int32Array; values: Float32Array }[]): SparseRows {
  const rowStart = new Int32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) rowStart[r + 1] = rowStart[r]! + rows[r]!.indices.length;
  const indices = new Int32Array(rowStart[rows.length]!);
  const values = new Float32Array(rowStart[rows.length]!);
  for (let r = 0; r < rows.length; r++) {
    indices.set(rows[r]!.indices, rowStart[r]!);
    values.set(rows[r]!.values, rowStart[r]!);
  }
  return { rowStart, indices, values, rows: rows.length };
}
