import { sampleNormal } from '../random/gamma';
import { createPrng } from '../random/prng';
import { fitLogistic, type LogisticRows } from './logistic-regression';

function simulate(rows: number, coef: number[], intercept: number, seed: number): LogisticRows {
  const rng = createPrng(seed);
  const d = coef.length;
  const x = new Float64Array(rows * d).map(() => sampleNormal(rng));
  const y = new Float64Array(rows).map((_, r) => {
    const eta = intercept + coef.reduce((s, c, k) => s + c * x[r * d + k], 0);
    return rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  });
  return { rows, d, x, y };
}

describe('fitLogistic', () => {
  it('has the closed form of a single binary covariate: slope = log odds ratio, se = sqrt(sum 1/cell)', () => {
    // 2x2 table: x=0: 30 positive of 50; x=1: 45 positive of 60.
    const cells = [[0, 1, 30], [0, 0, 20], [1, 1, 45], [1, 0, 15]];
    const x: number[] = [];
    const y: number[] = [];
    for (const [xv, yv, n] of cells) for (let k = 0; k < n; k++) {
      x.push(xv);
      y.push(yv);
    }
    const fit = fitLogistic({ rows: x.length, d: 1, x: Float64Array.from(x), y: Float64Array.from(y) }, { intercept: true });
    expect(fit.coef[0]).toBeCloseTo(Math.log(30 / 20), 10);
    expect(fit.coef[1]).toBeCloseTo(Math.log((45 / 15) / (30 / 20)), 10);
    expect(fit.se[1]).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 20 + 1 / 45 + 1 / 15), 10);
    expect(fit.ciLow[1]).toBeLessThan(fit.coef[1]);
  });

  it('recovers simulated coefficients within 4 standard errors, and the penalty shrinks them', () => {
    const truth = [0.8, -0.5, 0];
    const data = simulate(20_000, truth, -0.3, 5);
    const fit = fitLogistic(data, { intercept: true });
    expect(fit.gradientNorm).toBeLessThan(1e-9);
    [-0.3, ...truth].forEach((c, k) => expect(Math.abs(fit.coef[k] - c)).toBeLessThan(4 * fit.se[k]));
    const shrunk = fitLogistic(data, { intercept: true, penalty: 2000 });
    expect(Math.abs(shrunk.coef[1])).toBeLessThan(Math.abs(fit.coef[1]));
  });

  it('warm-starts to the same optimum in fewer steps', () => {
    const data = simulate(3000, [0.4, 0.2], 0, 6);
    const cold = fitLogistic(data, { intercept: false });
    const warm = fitLogistic(data, { intercept: false, warmStart: cold.coef.map((c) => c * 1.01) });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    warm.coef.forEach((c, k) => expect(c).toBeCloseTo(cold.coef[k], 9));
  });
});
