import { sampleBeta } from './gamma';
import type { Prng } from './prng';

/** Below this mean, inversion (sequential search of the pmf) is cheap and exact enough. */
const INVERSION_MEAN = 30;

function binomialByInversion(rng: Prng, n: number, p: number): number {
  const q = 1 - p;
  const ratio = p / q;
  let f = Math.exp(n * Math.log1p(-p)); // P(X = 0)
  let u = rng.next();
  let k = 0;
  while (u >= f && k < n) {
    u -= f;
    f *= ((n - k) / (k + 1)) * ratio;
    k++;
    if (f === 0) break; // rounding left u beyond the pmf's mass; k is already past the mode's bulk
  }
  return k;
}

/**
 * Binomial(n, p), exact for any n (Knuth, TAOCP vol. 2, 3.4.1): the i-th smallest of n uniforms is
 * Beta(i, n + 1 - i); the uniforms below p are then either a binomial among the i - 1 below that
 * order statistic or i plus a binomial among the n - i above it. Splitting at i ~ np shrinks the mean
 * from m to about sqrt(m) per step, and inversion finishes once it is small.
 */
export function sampleBinomial(rng: Prng, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0, 1], got ${p}`);
  if (p > 0.5) return n - sampleBinomial(rng, n, 1 - p);
  let count = 0;
  while (n > 0 && p > 0 && n * p > INVERSION_MEAN) {
    const i = Math.min(n, Math.floor(n * p) + 1);
    const x = sampleBeta(rng, i, n + 1 - i);
    if (p < x) {
      n = i - 1;
      p = p / x;
    } else {
      count += i;
      n = n - i;
      p = (p - x) / (1 - x);
    }
    if (p > 0.5) return count + n - sampleBinomial(rng, n, 1 - p);
  }
  return n === 0 || p <= 0 ? count : count + binomialByInversion(rng, n, p);
}

/**
 * Multinomial(total, weights / sum(weights)) by conditional binomials; the draws sum to `total` exactly.
 * Weights are counts (the bootstrap's unique rows), so each conditional probability is an exact ratio.
 */
export function sampleMultinomial(rng: Prng, total: number, weights: ArrayLike<number>, out = new Float64Array(weights.length)): Float64Array {
  let weightLeft = 0;
  for (let k = 0; k < weights.length; k++) {
    if (!(weights[k] >= 0)) throw new RangeError(`multinomial weights must be >= 0, got ${weights[k]}`);
    weightLeft += weights[k];
  }
  let left = total;
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k];
    if (left === 0 || w === 0) {
      out[k] = 0;
    } else if (w >= weightLeft) {
      out[k] = left; // the last positive weight takes what is left (also absorbs rounding in weightLeft)
    } else {
      out[k] = sampleBinomial(rng, left, w / weightLeft);
    }
    left -= out[k];
    weightLeft -= w;
  }
  return out;
}
