import { summaryOf } from './batch-summary';
import { seededGaussian } from './gaussian.test-helper';
import { welchZ } from './welch';

/** The textbook statistic from the raw values, two-pass variances. */
function welchFromValues(a: number[], b: number[]): number {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = (xs: number[]) => xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
  return (mean(a) - mean(b)) / Math.sqrt(variance(a) / a.length + variance(b) / b.length);
}

describe('welchZ', () => {
  it('equals the statistic computed from the raw values', () => {
    const z = seededGaussian(5);
    const a = Array.from({ length: 37 }, () => 0.4 + 0.3 * z());
    const b = Array.from({ length: 410 }, () => 0.1 + 0.6 * z());
    const result = welchZ(summaryOf(a), summaryOf(b))!;
    expect(result.z).toBeCloseTo(welchFromValues(a, b), 10);
    expect(result.difference).toBeCloseTo(result.meanA - result.meanB, 12);
  });

  it('matches a worked example: means 5 and 3, variances 4 and 9, sizes 16 and 36 -> z = 2 / sqrt(0.25 + 0.25) = 2.828', () => {
    // Build summaries with exactly those moments: sumsq = (n - 1) s^2 + n mean^2.
    const a = { count: 16, sum: 80, sumsq: 15 * 4 + 16 * 25 };
    const b = { count: 36, sum: 108, sumsq: 35 * 9 + 36 * 9 };
    expect(welchZ(a, b)!.z).toBeCloseTo(2 / Math.sqrt(0.5), 12);
  });

  it('has the null distribution of Welch\'s t: mean 0, variance df / (df - 2) with the Welch-Satterthwaite df', () => {
    const z = seededGaussian(6);
    const [nA, nB, sdB] = [40, 60, 3];
    const zs = Array.from({ length: 5000 }, () => welchZ(summaryOf(Array.from({ length: nA }, () => z())), summaryOf(Array.from({ length: nB }, () => sdB * z())))!.z);
    const mean = zs.reduce((s, x) => s + x, 0) / zs.length;
    const variance = zs.reduce((s, x) => s + (x - mean) ** 2, 0) / (zs.length - 1);
    const [va, vb] = [1 / nA, (sdB * sdB) / nB];
    const df = (va + vb) ** 2 / (va ** 2 / (nA - 1) + vb ** 2 / (nB - 1)); // ~77
    expect(Math.abs(mean)).toBeLessThan(0.06); // 4 standard errors
    expect(Math.abs(variance - df / (df - 2))).toBeLessThan(0.08); // ~4 standard errors of a variance from 5000 draws
  });

  it('needs two values per group and stays finite for constant groups', () => {
    expect(welchZ(summaryOf([1]), summaryOf([1, 2]))).toBeNull();
    expect(Number.isFinite(welchZ(summaryOf([1, 1, 1]), summaryOf([0, 0]))!.z)).toBe(true);
  });
});
