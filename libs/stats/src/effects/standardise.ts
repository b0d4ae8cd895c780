/**
 * Column scaling before a preference regression, so coefficients read as log-odds per typical
 * difference and compare across features. Pairwise targets are antisymmetric (swapping A and B
 * negates x and flips y), so their columns are scaled without centring, by the root mean square:
 * the sd of the column over both orientations of every vote. Centring would add a side bias the
 * no-intercept model excludes. Thumbs targets are centred and scaled by the sd (the intercept then
 * reads as the log-odds of a thumbs up at average features).
 */
export interface Standardised {
  /** Columns kept (non-constant), as indices into the input columns. */
  kept: number[];
  x: Float64Array;
  y: Float64Array;
  centre: Float64Array;
  scale: Float64Array;
  rows: number;
}

/** `data` holds rows of d values followed by the outcome (width d + 1). */
export function standardise(data: Float64Array, d: number, centred: boolean): Standardised {
  const width = d + 1;
  const rows = data.length / width;
  const centre = new Float64Array(d);
  const scale = new Float64Array(d);
  const largest = new Float64Array(d);
  if (centred) for (let r = 0; r < rows; r++) for (let c = 0; c < d; c++) centre[c] += data[r * width + c] / rows;
  for (let r = 0; r < rows; r++) for (let c = 0; c < d; c++) {
    const v = data[r * width + c];
    scale[c] += (v - centre[c]) ** 2;
    largest[c] = Math.max(largest[c], Math.abs(v));
  }
  const kept: number[] = [];
  for (let c = 0; c < d; c++) {
    scale[c] = Math.sqrt(scale[c] / Math.max(1, rows));
    if (scale[c] > 1e-12 * largest[c]) kept.push(c);
  }
  const k = kept.length;
  const x = new Float64Array(rows * k);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    kept.forEach((c, j) => (x[r * k + j] = (data[r * width + c] - centre[c]) / scale[c]));
    y[r] = data[r * width + d];
  }
  return { kept, x, y, centre, scale, rows };
}
