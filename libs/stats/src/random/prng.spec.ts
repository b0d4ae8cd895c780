import { createPrng } from './prng';

describe('createPrng', () => {
  it('repeats the same sequence for the same seed and resumes from a saved state', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    const saved = a.state();
    const later = Array.from({ length: 5 }, () => a.next());
    const resumed = createPrng(saved);
    expect(Array.from({ length: 5 }, () => resumed.next())).toEqual(later);
    expect(createPrng(43).next()).not.toBe(first[0]);
  });

  it('is uniform on [0, 1): mean, variance and decile counts (chi-square, 9 df)', () => {
    const rng = createPrng(7);
    const n = 200_000;
    const deciles = new Array<number>(10).fill(0);
    let sum = 0;
    let sumsq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumsq += u * u;
      deciles[Math.floor(u * 10)]++;
    }
    const mean = sum / n;
    expect(outside).toBe(0);
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumsq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    const chi2 = deciles.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88); // chi-square 0.999 quantile, 9 df
  });
});
