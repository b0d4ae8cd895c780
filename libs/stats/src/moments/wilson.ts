/** Two-sided standard normal quantile for 95% coverage. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval (Wilson 1927) for a binomial proportion: the set of p with
 * |p_hat - p| <= z * sqrt(p (1 - p) / n). Unlike the Wald interval it stays inside [0, 1] and keeps
 * near-nominal coverage at 0 or n successes, which is the common case for a model's thumbs in one
 * minute. `successes` may be fractional (e.g. rating mass); n = 0 gives the uninformative [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval {
  if (!(n >= 0) || !(successes >= 0) || successes > n) throw new RangeError(`wilson interval needs 0 <= successes <= n, got ${successes} of ${n}`);
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp rounding at the ends (0 successes gives exactly 0 in exact arithmetic).
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
