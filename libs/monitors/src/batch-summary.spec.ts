import { addSummaries, emptySummary, summaryMean, summaryOf, summarySquaredDeviations, summaryVariance } from './batch-summary';

// Two-pass textbook formulas, independent of the sum / sum-of-squares shortcut under test.
const twoPassMean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const twoPassVariance = (xs: number[]) => {
  const m = twoPassMean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('BatchSummary', () => {
  const xs = [0.3, -1.2, 4.5, 2.25, 0, 7.125];

  it('gives the mean and sample variance of the values (two-pass computation)', () => {
    const s = summaryOf(xs);
    expect(s.count).toBe(6);
    expect(summaryMean(s)).toBeCloseTo(twoPassMean(xs), 12);
    expect(summaryVariance(s)).toBeCloseTo(twoPassVariance(xs), 12);
    expect(summarySquaredDeviations(s)).toBeCloseTo(twoPassVariance(xs) * 5, 12);
  });

  it('adds partials into the summary of the union', () => {
    const merged = addSummaries(summaryOf(xs.slice(0, 2)), summaryOf(xs.slice(2)));
    const whole = summaryOf(xs);
    expect(merged.count).toBe(whole.count);
    expect(merged.sum).toBeCloseTo(whole.sum, 12);
    expect(merged.sumsq).toBeCloseTo(whole.sumsq, 12);
  });

  it('is NaN where undefined and never a negative spread', () => {
    expect(summaryMean(emptySummary())).toBeNaN();
    expect(summaryVariance(summaryOf([3]))).toBeNaN();
    // 1e8 + tiny spread: sumsq - sum^2/n cancels to rounding noise that may be negative.
    expect(summarySquaredDeviations({ count: 3, sum: 3e8, sumsq: 3e16 - 1 })).toBe(0);
  });

  it('is the binomial variance for 0/1 values (sumsq = sum)', () => {
    const s = { count: 50, sum: 20, sumsq: 20 };
    expect(summaryVariance(s)).toBeCloseTo((0.4 * 0.6 * 50) / 49, 12);
  });
});
