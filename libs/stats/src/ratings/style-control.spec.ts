import { gradientDescentLogistic } from '../../test/gradient-descent-logistic';
import { sampleNormal } from '../random/gamma';
import { createPrng } from '../random/prng';
import { fitBradleyTerry } from './bradley-terry';
import { PairwiseCounts } from './pairwise-counts';
import { fitStyleControl, styleWarmStart } from './style-control';
import type { VoteWinner } from './vote';
import { VoteRowStore, type CovariateVote } from './vote-row-store';

const S = Math.log(10);

/** Votes among `models` with true strengths, per-side covariates and true style coefficients (no ties). */
function simulate(n: number, seed: number, truth: { beta: Record<string, number>; gamma: number[]; sideMeans?: Record<string, number[]> }): CovariateVote[] {
  const rng = createPrng(seed);
  const models = Object.keys(truth.beta);
  const votes: CovariateVote[] = [];
  for (let v = 0; v < n; v++) {
    const x = models[Math.floor(rng.next() * models.length)];
    let y = models[Math.floor(rng.next() * (models.length - 1))];
    if (y === x) y = models[models.length - 1];
    const shift = (m: string, k: number) => truth.sideMeans?.[m]?.[k] ?? 0;
    const z = truth.gamma.map((_, k) => shift(x, k) - shift(y, k) + 0.5 * sampleNormal(rng));
    const eta = S * (truth.beta[x] - truth.beta[y]) + truth.gamma.reduce((s, g, k) => s + g * z[k], 0);
    const winner: VoteWinner = rng.next() < 1 / (1 + Math.exp(-eta)) ? 'a' : 'b';
    votes.push({ modelA: x, modelB: y, winner, covariates: Object.fromEntries(z.map((value, k) => [`c${k}`, value])) });
  }
  return votes;
}

function storeOf(votes: CovariateVote[], covariates: string[]): VoteRowStore {
  const store = new VoteRowStore({ covariates });
  votes.forEach((v) => store.add(v));
  return store;
}

/**
 * Independent reference: gradient descent on the explicit duplicated design (each vote twice; a tie
 * is one win and one loss), z-normalised here.
 */
function gradientDescentFit(votes: CovariateVote[], models: readonly string[], covariates: string[], penalty: number): number[] {
  const m = models.length;
  const raw = votes.map((v) => covariates.map((c) => v.covariates[c] ?? 0));
  const mean = covariates.map((_, k) => raw.reduce((s, r) => s + r[k], 0) / raw.length);
  const sd = covariates.map((_, k) => Math.sqrt(raw.reduce((s, r) => s + (r[k] - mean[k]) ** 2, 0) / raw.length));
  const rows: { x: number[]; y: number }[] = [];
  votes.forEach((v, r) => {
    const x = new Array<number>(m + covariates.length).fill(0);
    x[models.indexOf(v.modelA)] = S;
    x[models.indexOf(v.modelB)] = -S;
    covariates.forEach((_, k) => (x[m + k] = (raw[r][k] - mean[k]) / sd[k]));
    const labels = v.winner === 'a' ? [1, 1] : v.winner === 'b' ? [0, 0] : [1, 0];
    for (const y of labels) rows.push({ x, y });
  });
  return gradientDescentLogistic(rows, { penalty });
}

describe('fitStyleControl', () => {
  it('equals the plain Bradley-Terry fit from counts when the covariates are constant', () => {
    const votes = simulate(3000, 1, { beta: { p: 0.2, q: 0, r: -0.3, t: 0.1 }, gamma: [0] }).map((v, i) => ({
      ...v, winner: (i % 7 === 0 ? 'tie' : i % 11 === 0 ? 'both_bad' : v.winner) as VoteWinner, covariates: { c0: 1 },
    }));
    const counts = new PairwiseCounts();
    votes.forEach((v) => counts.add(v));
    const plain = fitBradleyTerry(counts);
    const styled = fitStyleControl(storeOf(votes, ['c0']));
    expect(styled.gradientNorm).toBeLessThan(1e-9);
    expect(styled.style[0].coef).toBeNaN(); // a constant covariate has no z-score
    styled.models.forEach((name, x) => expect(styled.ratings[x]).toBeCloseTo(plain.ratings[plain.models.indexOf(name)], 6));
  });

  it('matches gradient-descent logistic regression on the explicit duplicated design to 1e-6', () => {
    const votes = simulate(1500, 2, { beta: { p: 0.3, q: 0.1, r: -0.2, t: 0, u: -0.1 }, gamma: [0.4, -0.2], sideMeans: { p: [0.3, 0] } })
      .map((v, i) => ({ ...v, winner: (i % 9 === 0 ? 'tie' : v.winner) as VoteWinner }));
    const store = storeOf(votes, ['c0', 'c1']);
    const fit = fitStyleControl(store, { penalty: 1 });
    const reference = gradientDescentFit(votes, store.models, ['c0', 'c1'], 1);
    const ours = [...fit.beta, ...fit.style.map((c) => c.coef)];
    console.log(`style control vs gradient descent: gradient norm ${fit.gradientNorm.toExponential(2)} after ${fit.iterations} Newton steps, max |difference| ${Math.max(...ours.map((v, k) => Math.abs(v - reference[k]))).toExponential(2)}`);
    ours.forEach((v, k) => expect(Math.abs(v - reference[k])).toBeLessThan(1e-6));
  });

  it('recovers known style coefficients and removes the length bias a plain fit shows', () => {
    // 'verbose' is as strong as 'terse' but its answers are longer, and voters like length.
    const truth = { beta: { verbose: 0, terse: 0, mid: 0.1, weak: -0.2 }, gamma: [0.5, -0.15], sideMeans: { verbose: [0.6, 0] } };
    const votes = simulate(60_000, 3, truth);
    const store = storeOf(votes, ['c0', 'c1']);
    const fit = fitStyleControl(store, { penalty: 0 });
    expect(fit.converged).toBe(true);
    // The truth is on z-scores; scale it to the sample's sd (close to the population's).
    fit.style.forEach((c, k) => expect(Math.abs(c.coef / c.sd - truth.gamma[k])).toBeLessThan((4 * c.se) / c.sd));
    const at = (name: string) => fit.ratings[fit.models.indexOf(name)];
    const counts = new PairwiseCounts();
    votes.forEach((v) => counts.add(v));
    const plain = fitBradleyTerry(counts, { penalty: 0 });
    const plainAt = (name: string) => plain.ratings[plain.models.indexOf(name)];
    expect(plainAt('verbose') - plainAt('terse')).toBeGreaterThan(50);
    expect(Math.abs(at('verbose') - at('terse'))).toBeLessThan(15);
    expect(Math.abs(at('mid') - at('weak') - 400 * 0.3)).toBeLessThan(15);
  });

  it('refits warm from the previous solution in fewer steps to the same optimum', () => {
    const votes = simulate(4000, 4, { beta: { p: 0.2, q: 0, r: -0.1 }, gamma: [0.3] });
    const store = storeOf(votes.slice(0, 3000), ['c0']);
    const first = fitStyleControl(store);
    votes.slice(3000).forEach((v) => store.add(v));
    const warm = fitStyleControl(store, {}, styleWarmStart(first));
    const cold = fitStyleControl(store);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(Math.abs(warm.style[0].coef - cold.style[0].coef)).toBeLessThan(1e-9);
  });
});
