/**
 * Quantile with linear interpolation between order statistics (h = (n - 1) q; numpy's default), the
 * convention the arena uses for its bootstrap intervals. NaN values are ignored; NaN when none remain.
 */
export function percentile(values: ArrayLike<number>, q: number): number {
  const sorted = Array.from(values).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
