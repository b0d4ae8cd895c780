import { arenaWinner, describeWithDatasets, readArenaBattles } from '../../test/datasets';
import { choleskyInPlace, choleskyInverse } from '../linalg/cholesky';
import { bootstrapBradleyTerry } from './bootstrap';
import { fitBradleyTerry } from './bradley-terry';
import { PairwiseCounts } from './pairwise-counts';

/** Smallest k with P(Binomial(n, p) <= k) >= q, from the exact pmf. */
function binomialQuantile(n: number, p: number, q: number): number {
  let pmf = Math.pow(1 - p, n);
  let cdf = pmf;
  let k = 0;
  while (cdf < q) {
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    k++;
    cdf += pmf;
  }
  return k;
}

describe('bootstrapBradleyTerry', () => {
  it('matches the exact bootstrap distribution of two models (k* ~ Binomial(n, k/n), rating = 1000 + 200 log10(k*/(n-k*)))', () => {
    const [k, n] = [30, 50];
    const counts = new PairwiseCounts();
    counts.add({ modelA: 'x', modelB: 'y', winner: 'a' }, k);
    counts.add({ modelA: 'x', modelB: 'y', winner: 'b' }, n - k);
    const point = fitBradleyTerry(counts, { penalty: 0 });
    const result = bootstrapBradleyTerry(counts, point, { penalty: 0 }, { rounds: 2000, seed: 9 });
    const ratingOf = (wins: number) => 1000 + 200 * Math.log10(wins / (n - wins));
    const x = result.ratings[0];
    expect(result.skippedRounds).toBe(0); // k* in {0, n} has probability < 1e-10 here
    expect(x.ciLow).toBeGreaterThanOrEqual(ratingOf(binomialQuantile(n, k / n, 0.01)));
    expect(x.ciLow).toBeLessThanOrEqual(ratingOf(binomialQuantile(n, k / n, 0.05)));
    expect(x.ciHigh).toBeGreaterThanOrEqual(ratingOf(binomialQuantile(n, k / n, 0.95)));
    expect(x.ciHigh).toBeLessThanOrEqual(ratingOf(binomialQuantile(n, k / n, 0.99)));
    expect(result.ratings.map((r) => r.rank)).toEqual([1, 1]); // the intervals overlap
  });

  it('is reproducible from its seed', () => {
    const counts = new PairwiseCounts();
    for (const [a, b, w] of [['x', 'y', 'a'], ['y', 'z', 'a'], ['z', 'x', 'b'], ['x', 'z', 'tie'], ['y', 'x', 'both_bad']] as const) counts.add({ modelA: a, modelB: b, winner: w }, 5);
    const point = fitBradleyTerry(counts);
    const run = (seed: number) => bootstrapBradleyTerry(counts, point, {}, { rounds: 50, seed }).ratings;
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });
});

describeWithDatasets('bootstrapBradleyTerry on GenAI-Arena (anony)', () => {
  it('gives intervals around the estimate with widths close to the sandwich (robust) standard errors', () => {
    const battles = readArenaBattles().filter((b) => b.anony);
    const counts = new PairwiseCounts();
    for (const b of battles) counts.add({ modelA: b.model_a, modelB: b.model_b, winner: arenaWinner(b.winner) });
    const point = fitBradleyTerry(counts);
    const result = bootstrapBradleyTerry(counts, point, {}, { rounds: 300, seed: 1 });

    // Independent reference: the sandwich covariance H^-1 J H^-1 of the penalised estimator (what a
    // bootstrap estimates), with H the per-battle curvature (half the duplicated objective's) and J the
    // spread of the per-battle scores, both accumulated row by row from the battles. The inverse of H
    // alone would overstate the spread along directions only the penalty pins (the shift between models
    // that never met).
    const m = point.models.length;
    const s = Math.log(10);
    const h = new Float64Array(m * m);
    for (let x = 0; x < m; x++) h[x * m + x] = 0.5;
    const scores: Float64Array[] = [];
    for (const b of battles) {
      const [i, j] = [point.models.indexOf(b.model_a), point.models.indexOf(b.model_b)];
      const p = 1 / (1 + Math.exp(-s * (point.beta[i] - point.beta[j])));
      const w = s * s * p * (1 - p);
      h[i * m + i] += w;
      h[j * m + j] += w;
      h[i * m + j] -= w;
      h[j * m + i] -= w;
      const y = b.winner === 'model_a' ? 1 : b.winner === 'model_b' ? 0 : 0.5;
      const score = new Float64Array(m);
      score[i] = s * (p - y);
      score[j] = -s * (p - y);
      scores.push(score);
    }
    const meanScore = new Float64Array(m).map((_, x) => scores.reduce((a, g) => a + g[x], 0) / scores.length);
    const spread = new Float64Array(m * m);
    for (const g of scores) for (let x = 0; x < m; x++) for (let y = 0; y < m; y++) spread[x * m + y] += (g[x] - meanScore[x]) * (g[y] - meanScore[y]);
    expect(choleskyInPlace(h, m)).toBe(true);
    const hInv = choleskyInverse(h, m);
    const sandwichVariance = (x: number) => {
      let v = 0;
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) v += hInv[x * m + a] * spread[a * m + b] * hInv[b * m + x];
      return v;
    };
    const ratios = result.ratings.map((r, x) => (r.ciHigh - r.ciLow) / (2 * 1.959964 * 400 * Math.sqrt(sandwichVariance(x))));
    console.log(`arena (anony) bootstrap, 300 rounds: ${result.newtonSteps} Newton steps; interval width / sandwich width from ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}; ranks ${result.ratings.map((r) => r.rank).join(',')}`);
    for (const r of result.ratings) {
      expect(r.ciLow).toBeLessThan(r.rating);
      expect(r.ciHigh).toBeGreaterThan(r.rating);
    }
    for (const ratio of ratios) {
      expect(ratio).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.33);
    }
  });
});
