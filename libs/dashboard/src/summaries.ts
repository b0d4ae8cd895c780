import { sampleVariance, wilsonInterval, Z_95 } from '@prefstream/stats';

/** A number from a query row: ClickHouse sends 64-bit integers as strings in JSON. */
export const num = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : 0);
/** A Map(String, number) column as a plain object of numbers. */
export const numMap = (value: unknown): Record<string, number> =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, num(v)])) : {};
/** null for a value JSON cannot carry (NaN, Infinity). */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface RateView {
  n: number;
  positive: number;
  /** null when n = 0. */
  rate: number | null;
  /** Wilson score interval (95%). */
  low: number | null;
  high: number | null;
}

/** A proportion with its Wilson interval; no interval without trials. */
export function rateView(positive: number, n: number): RateView {
  if (!(n > 0)) return { n: 0, positive: 0, rate: null, low: null, high: null };
  const { low, high } = wilsonInterval(positive, n);
  return { n, positive, rate: positive / n, low, high };
}

export interface MeanView {
  n: number;
  mean: number | null;
  /** Sample standard deviation; null below two values. */
  sd: number | null;
  /** Normal 95% interval of the mean, mean +- 1.96 sd / sqrt(n), clamped to [lower, upper] when given. */
  low: number | null;
  high: number | null;
}

/** A mean and its 95% interval from a count, a sum and a sum of squares (what the aggregates store). */
export function meanView(n: number, sum: number, sumsq: number, bounds?: [number, number]): MeanView {
  if (!(n > 0)) return { n: 0, mean: null, sd: null, low: null, high: null };
  const mean = sum / n;
  const variance = n > 1 ? sampleVariance({ n, mean, m2: Math.max(0, sumsq - n * mean * mean) }) : NaN;
  if (!Number.isFinite(variance)) return { n, mean, sd: null, low: null, high: null };
  const half = (Z_95 * Math.sqrt(variance)) / Math.sqrt(n);
  const clamp = (x: number) => (bounds ? Math.min(bounds[1], Math.max(bounds[0], x)) : x);
  return { n, mean, sd: Math.sqrt(variance), low: clamp(mean - half), high: clamp(mean + half) };
}

export interface DifferenceView {
  /** a.mean - b.mean. */
  diff: number | null;
  /** Welch-style normal 95% interval of the difference. */
  low: number | null;
  high: number | null;
  /** -1 / 1 when the interval excludes 0 (a below / above b), 0 otherwise or without an interval. */
  sign: -1 | 0 | 1;
}

/** The difference of two means with a 95% interval (independent samples, unequal variances). */
export function differenceView(a: MeanView, b: MeanView): DifferenceView {
  if (a.mean === null || b.mean === null) return { diff: null, low: null, high: null, sign: 0 };
  const diff = a.mean - b.mean;
  if (a.sd === null || b.sd === null) return { diff, low: null, high: null, sign: 0 };
  const half = Z_95 * Math.sqrt((a.sd * a.sd) / a.n + (b.sd * b.sd) / b.n);
  const low = diff - half;
  const high = diff + half;
  return { diff, low: finite(low), high: finite(high), sign: low > 0 ? 1 : high < 0 ? -1 : 0 };
}
