import { summarySquaredDeviations, type BatchSummary } from './batch-summary';

/**
 * The in-control level of a metric, estimated from the warm-up minutes of a standardised CUSUM, as a
 * one-way random-effects model: value = mu0 + u_minute + e, Var(e) = sigma0^2 per unit, Var(u) = tau^2.
 * The within-minute variance sigma0^2 is pooled over the units of all minutes; tau^2 is the
 * minute-to-minute variance beyond sigma0^2 / n (real traffic is overdispersed: the mix of users and
 * prompts shifts from minute to minute), by the method of moments: E[between-minute SS] =
 * (M - 1) sigma0^2 + tau^2 (N - sum n_i^2 / N) (the unequal-n ANOVA identity; DerSimonian-Laird's
 * estimator with weights n_i). The state is a few running sums, plain JSON, so it checkpoints as is.
 */
export interface BaselineAccumulator {
  /** Minutes added (M). */
  minutes: number;
  /** Units over all minutes (N). */
  units: number;
  /** Unit-weighted mean of the minute means, i.e. the pooled mean (West's weighted Welford update). */
  mean: number;
  /** Between-minute sum of squares: sum n_i (mean_i - mean)^2. */
  between: number;
  /** Within-minute sum of squares: sum over minutes of sum (x - mean_i)^2. */
  within: number;
  /** sum n_i^2, for the tau^2 denominator. */
  unitsSquared: number;
}

export interface Baseline {
  /** mu0: in-control per-unit mean. */
  mean: number;
  /** sigma0^2: per-unit variance within a minute (after the floor). */
  variance: number;
  /** tau^2: between-minute variance of the minute mean beyond sigma0^2 / n (0 when not estimated). */
  tau2: number;
  minutes: number;
  units: number;
}

export interface BaselineOptions {
  /** Least per-unit variance, so z stays finite for a metric that was constant during the warm-up. */
  varianceFloor: number;
  /**
   * Values are 0/1: the variance is also floored at p(1 - p) with p = (events + 0.5) / (units + 1), so a
   * warm-up without a single event (or without a non-event) does not make the first one infinitely surprising.
   */
  proportion: boolean;
  /** Estimate tau^2 (true) or assume independent units (false: tau^2 = 0). */
  overdispersion: boolean;
}

export const emptyBaseline = (): BaselineAccumulator => ({ minutes: 0, units: 0, mean: 0, between: 0, within: 0, unitsSquared: 0 });

/** The accumulator with one more minute (count > 0); the input is not changed. */
export function addToBaseline(acc: BaselineAccumulator, batch: BatchSummary): BaselineAccumulator {
  const n = batch.count;
  if (!(n > 0)) throw new RangeError(`a baseline minute needs a positive count, got ${n}`);
  const minuteMean = batch.sum / n;
  const units = acc.units + n;
  const delta = minuteMean - acc.mean;
  const mean = acc.mean + (delta * n) / units;
  return {
    minutes: acc.minutes + 1,
    units,
    mean,
    between: acc.between + n * delta * (minuteMean - mean),
    within: acc.within + summarySquaredDeviations(batch),
    unitsSquared: acc.unitsSquared + n * n,
  };
}

export function estimateBaseline(acc: BaselineAccumulator, options: BaselineOptions): Baseline {
  if (acc.minutes === 0) throw new RangeError('no baseline minutes');
  const { minutes, units, mean } = acc;
  let variance = units > minutes ? acc.within / (units - minutes) : 0;
  variance = Math.max(variance, options.varianceFloor);
  if (options.proportion) {
    const p = (mean * units + 0.5) / (units + 1);
    variance = Math.max(variance, p * (1 - p));
  }
  let tau2 = 0;
  const denominator = units - acc.unitsSquared / units;
  if (options.overdispersion && minutes > 1 && denominator > 0) tau2 = Math.max(0, (acc.between - (minutes - 1) * variance) / denominator);
  return { mean, variance, tau2, minutes, units };
}
