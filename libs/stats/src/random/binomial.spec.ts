import { sampleBinomial, sampleMultinomial } from './binomial';
import { sampleGamma } from './gamma';
import { createPrng } from './prng';

/** Chi-square upper quantile by Wilson-Hilferty (z = 3.09 is the 0.999 normal quantile). */
const chi2Critical999 = (df: number) => df * (1 - 2 / (9 * df) + 3.09 * Math.sqrt(2 / (9 * df))) ** 3;


/** Chi-square goodness of fit of `draws` samples against the exact pmf, cells with expectation >= 5. */
function binomialChiSquare(n: number, p: number, draws: number, seed: number): { chi2: number; df: number } {
  const rng = createPrng(seed);
  const seen = new Map<number, number>();
  for (let i = 0; i < draws; i++) {
    const k = sampleBinomial(rng, n, p);
    if (!(Number.isInteger(k) && k >= 0 && k <= n)) throw new Error(`draw ${k} outside 0..${n}`);
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  // Pool the tails into the cells just inside them so every cell expects >= 5.
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(mean - 6 * sd));
  const hi = Math.min(n, Math.ceil(mean + 6 * sd));
  const cells: { expected: number; observed: number }[] = [];
  let pendingE = 0;
  let pendingO = 0;
  let logPmf = n * Math.log1p(-p); // log P(X = 0), then the pmf's ratio recursion
  for (let k = 0; k <= n && k <= hi + 1; k++) {
    const expected = k <= hi ? draws * Math.exp(logPmf) : 0;
    logPmf += Math.log((n - k) / (k + 1)) + Math.log(p / (1 - p));
    pendingE += expected;
    pendingO += seen.get(k) ?? 0;
    if (pendingE >= 5 && k >= lo) {
      cells.push({ expected: pendingE, observed: pendingO });
      pendingE = 0;
      pendingO = 0;
    }
  }
  let rest = 0;
  for (const [k, c] of seen) if (k > hi + 1) rest += c;
  const last = cells[cells.length - 1];
  last.expected += pendingE;
  last.observed += pendingO + rest;
  const chi2 = cells.reduce((s, c) => s + (c.observed - c.expected) ** 2 / c.expected, 0);
  return { chi2, df: cells.length - 1 };
}

describe('sampleBinomial', () => {
  it.each([
    [20, 0.3, 'inversion'],
    [1000, 0.01, 'inversion, small p'],
    [400, 0.5, 'order-statistic split'],
    [100_000, 0.37, 'order-statistic split, large n'],
    [200_000, 0.9, 'complement of a split'],
  ])('matches the exact pmf for n=%d p=%d (%s)', (n, p) => {
    const { chi2, df } = binomialChiSquare(n, p, 40_000, n + Math.round(p * 100));
    expect(chi2).toBeLessThan(chi2Critical999(df));
  });

  it('has mean np and variance np(1-p) for n = 10^7', () => {
    const rng = createPrng(3);
    const n = 10_000_000;
    const p = 0.0123;
    const draws = Array.from({ length: 10_000 }, () => sampleBinomial(rng, n, p));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
    const sdMean = Math.sqrt((n * p * (1 - p)) / draws.length);
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * sdMean);
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.05);
  });

  it('handles the edges p = 0, p = 1 and n = 0', () => {
    const rng = createPrng(1);
    expect(sampleBinomial(rng, 50, 0)).toBe(0);
    expect(sampleBinomial(rng, 50, 1)).toBe(50);
    expect(sampleBinomial(rng, 0, 0.5)).toBe(0);
    expect(() => sampleBinomial(rng, 2.5, 0.5)).toThrow(RangeError);
  });
});

describe('sampleGamma', () => {
  it.each([0.5, 1, 7.5])('has mean and variance equal to the shape (%d)', (shape) => {
    const rng = createPrng(11);
    const n = 40_000;
    const xs = Array.from({ length: n }, () => sampleGamma(rng, shape));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
    expect(Math.abs(variance / shape - 1)).toBeLessThan(0.05);
  });
});

describe('sampleMultinomial', () => {
  it('sums to the total exactly and has mean N p_i and covariance -N p_i p_j', () => {
    const rng = createPrng(5);
    const weights = [500, 1, 0, 3000, 120, 7];
    const total = 3628;
    const sum = weights.reduce((a, b) => a + b, 0);
    const rounds = 10_000;
    const mean = new Array<number>(weights.length).fill(0);
    let cov03 = 0;
    const samples: Float64Array[] = [];
    for (let r = 0; r < rounds; r++) {
      const x = sampleMultinomial(rng, total, weights);
      if (x.reduce((a, b) => a + b, 0) !== total || x[2] !== 0) throw new Error(`bad draw ${x.join(',')}`);
      samples.push(x);
      x.forEach((v, i) => (mean[i] += v / rounds));
    }
    for (const x of samples) cov03 += ((x[0] - mean[0]) * (x[3] - mean[3])) / (rounds - 1);
    weights.forEach((w, i) => {
      const p = w / sum;
      const sd = Math.sqrt((total * p * (1 - p)) / rounds);
      expect(Math.abs(mean[i] - total * p)).toBeLessThanOrEqual(5 * sd);
    });
    const expectedCov = (-total * weights[0] * weights[3]) / (sum * sum);
    expect(cov03 / expectedCov).toBeGreaterThan(0.9);
    expect(cov03 / expectedCov).toBeLessThan(1.1);
  });
});
