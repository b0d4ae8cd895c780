import { createPrng, sampleBinomial } from '@prefstream/stats';
import type { BatchSummary } from './batch-summary';
import { seededGaussian } from './gaussian.test-helper';

/**
 * Seeded per-minute summaries for the detector specs, drawn at the level of the summary: the minute
 * mean is exactly N(mean, sd^2 / n) and the within-minute spread is set at its expectation
 * (n - 1) sd^2, so a simulated minute costs one normal instead of n. Overdispersion (the minute-to-
 * minute shift of real traffic) is a random effect the caller adds to `mean`.
 */
export function createMinuteSimulator(seed: number) {
  const normal = seededGaussian(seed);
  const rng = createPrng(seed + 7919);
  return {
    normal,
    uniform: () => rng.next(),
    meanMinute(n: number, mean: number, sd: number): BatchSummary {
      const m = mean + (sd / Math.sqrt(n)) * normal();
      return { count: n, sum: n * m, sumsq: (n - 1) * sd * sd + n * m * m };
    },
    proportionMinute(n: number, p: number): BatchSummary {
      const k = sampleBinomial(rng, n, p);
      return { count: n, sum: k, sumsq: k };
    },
  };
}
