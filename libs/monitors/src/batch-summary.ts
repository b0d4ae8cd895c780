/**
 * The sufficient statistics of one batch of values (one minute of one metric): count, sum and sum of
 * squares. They add across partials, which is how ClickHouse stores them, so every detector reads
 * this shape. A proportion is the same with sumsq = sum (0/1 values).
 */
export interface BatchSummary {
  count: number;
  sum: number;
  sumsq: number;
}

export const emptySummary = (): BatchSummary => ({ count: 0, sum: 0, sumsq: 0 });

export const addSummaries = (a: BatchSummary, b: BatchSummary): BatchSummary => ({ count: a.count + b.count, sum: a.sum + b.sum, sumsq: a.sumsq + b.sumsq });

/** NaN when empty. */
export const summaryMean = (s: BatchSummary): number => (s.count > 0 ? s.sum / s.count : NaN);

/**
 * Within-batch sum of squared deviations from the batch mean. Floored at 0: sumsq - sum^2/n cancels
 * when the spread is small next to the mean, and rounding must not make it negative.
 */
export const summarySquaredDeviations = (s: BatchSummary): number => (s.count > 0 ? Math.max(0, s.sumsq - (s.sum * s.sum) / s.count) : 0);

/** Sample variance (n - 1 denominator); NaN below two values. */
export const summaryVariance = (s: BatchSummary): number => (s.count > 1 ? summarySquaredDeviations(s) / (s.count - 1) : NaN);

export function summaryOf(values: Iterable<number>): BatchSummary {
  const s = emptySummary();
  for (const x of values) {
    s.count++;
    s.sum += x;
    s.sumsq += x * x;
  }
  return s;
}
