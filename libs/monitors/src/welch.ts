import { summaryMean, summaryVariance, type BatchSummary } from './batch-summary';

/**
 * Welch's z for the difference of two means from their summaries: (mean_a - mean_b) / sqrt(s_a^2 / n_a
 * + s_b^2 / n_b) with the sample variances, no pooling (the groups, e.g. toxic and non-toxic
 * responses, need not share a variance). With the group sizes the monitors require (>= 30 each) the
 * normal reference is adequate, so no Welch-Satterthwaite degrees of freedom are needed.
 */
export interface WelchResult {
  meanA: number;
  meanB: number;
  difference: number;
  se: number;
  z: number;
}

/** A standard error below this (both groups constant) is raised to it, so z stays finite. */
const SE_FLOOR = 1e-9;

/** null when either group has fewer than two values. */
export function welchZ(a: BatchSummary, b: BatchSummary): WelchResult | null {
  if (!(a.count >= 2 && b.count >= 2)) return null;
  const meanA = summaryMean(a);
  const meanB = summaryMean(b);
  const se = Math.max(SE_FLOOR, Math.sqrt(summaryVariance(a) / a.count + summaryVariance(b) / b.count));
  const difference = meanA - meanB;
  return { meanA, meanB, difference, se, z: difference / se };
}
