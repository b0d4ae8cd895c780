/**
 * Dense Cholesky factorisation for the small symmetric positive-definite systems of Newton's method
 * (one row per model or feature: d <= a few hundred). Matrices are row-major Float64Arrays of d * d.
 */

/** Overwrites the lower triangle of `a` with L (a = L L^T); false when `a` is not positive definite. */
export function choleskyInPlace(a: Float64Array, d: number): boolean {
  for (let j = 0; j < d; j++) {
    let diag = a[j * d + j];
    for (let k = 0; k < j; k++) diag -= a[j * d + k] * a[j * d + k];
    if (!(diag > 0) || !Number.isFinite(diag)) return false;
    const ljj = Math.sqrt(diag);
    a[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L L^T x = b for x (b is not changed). */
export function choleskySolve(l: Float64Array, d: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * x[k];
    x[i] = s / l[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
    x[i] = s / l[i * d + i];
  }
  return x;
}

/** (L L^T)^-1 from the factor, column by column. */
export function choleskyInverse(l: Float64Array, d: number): Float64Array {
  const inverse = new Float64Array(d * d);
  const e = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    e.fill(0);
    e[j] = 1;
    const column = choleskySolve(l, d, e);
    for (let i = 0; i < d; i++) inverse[i * d + j] = column[i];
  }
  return inverse;
}
