import { arenaWinner, describeWithDatasets, readArenaBattles, readArenaLeaderboard, type ArenaBattle } from '../../test/datasets';
import { betaByModel, fitBradleyTerry } from './bradley-terry';
import { PairwiseCounts } from './pairwise-counts';
import type { VoteWinner } from './vote';

function countsOf(votes: [string, string, VoteWinner, number][]): PairwiseCounts {
  const c = new PairwiseCounts();
  for (const [modelA, modelB, winner, n] of votes) c.add({ modelA, modelB, winner }, n);
  return c;
}

describe('fitBradleyTerry, closed forms', () => {
  it.each([[7, 10], [1, 3], [999, 1000], [55, 100]])('two models, %d wins of %d, no penalty: difference = 400 log10(k / (n - k))', (k, n) => {
    const fit = fitBradleyTerry(countsOf([['x', 'y', 'a', k], ['y', 'x', 'a', n - k]]), { penalty: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.gradientNorm).toBeLessThan(1e-9);
    expect(fit.ratings[0] - fit.ratings[1]).toBeCloseTo(400 * Math.log10(k / (n - k)), 8);
    expect(fit.ratings[0] + fit.ratings[1]).toBeCloseTo(2000, 8); // sum(beta) = 0 without a penalty
  });

  it('counts a tie or both_bad as half a win each: difference = 400 log10((2k + t) / (2l + t))', () => {
    const fit = fitBradleyTerry(countsOf([['x', 'y', 'a', 3], ['x', 'y', 'b', 5], ['y', 'x', 'tie', 4], ['x', 'y', 'both_bad', 2]]), { penalty: 0 });
    expect(fit.ratings[0] - fit.ratings[1]).toBeCloseTo(400 * Math.log10((2 * 3 + 6) / (2 * 5 + 6)), 8);
  });

  it('with a penalty, solves the symmetric two-model stationarity condition (found by bisection)', () => {
    const [k, n, penalty] = [30, 40, 1];
    const fit = fitBradleyTerry(countsOf([['x', 'y', 'a', k], ['x', 'y', 'b', n - k]]), { penalty });
    // beta_x = -beta_y = u solves ln10 (2n s(2 u ln10) - 2k) + penalty u = 0.
    const s = Math.log(10);
    const stationarity = (u: number) => s * (2 * n / (1 + Math.exp(-2 * u * s)) - 2 * k) + penalty * u;
    let [lo, hi] = [0, 5];
    for (let it = 0; it < 200; it++) [lo, hi] = stationarity((lo + hi) / 2) > 0 ? [lo, (lo + hi) / 2] : [(lo + hi) / 2, hi];
    expect(fit.beta[0]).toBeCloseTo(lo, 10);
    expect(fit.beta[1]).toBeCloseTo(-lo, 10);
    expect(fit.ratings[0] - fit.ratings[1]).toBeLessThan(400 * Math.log10(k / (n - k))); // shrunk toward 0
  });

  it('centres each group of models that never met separately without a penalty', () => {
    const fit = fitBradleyTerry(countsOf([['x', 'y', 'a', 3], ['x', 'y', 'b', 1], ['u', 'v', 'a', 1], ['v', 'u', 'tie', 2], ['w', 'u', 'a', 2], ['u', 'w', 'a', 1], ['v', 'w', 'b', 1]]), { penalty: 0 });
    expect(fit.gradientNorm).toBeLessThan(1e-9);
    expect(fit.ratings[0] - fit.ratings[1]).toBeCloseTo(400 * Math.log10(3), 8);
    expect(fit.ratings[0] + fit.ratings[1]).toBeCloseTo(2000, 8);
    expect(fit.ratings[2] + fit.ratings[3] + fit.ratings[4]).toBeCloseTo(3000, 8);
  });

  it('refuses an unpenalised fit with no finite maximum (a model that never lost)', () => {
    const c = countsOf([['x', 'y', 'a', 3], ['y', 'z', 'a', 2], ['z', 'y', 'a', 1]]);
    expect(() => fitBradleyTerry(c, { penalty: 0 })).toThrow(/no finite maximum/);
    expect(fitBradleyTerry(c, { penalty: 1 }).converged).toBe(true);
  });
});

/** Gradient of the arena objective computed row by row from the raw battles (2 N rows), not from counts. */
function rowLevelGradient(battles: ArenaBattle[], beta: Map<string, number>, penalty: number): number {
  const s = Math.log(10);
  const g = new Map<string, number>([...beta.keys()].map((m) => [m, penalty * beta.get(m)!]));
  for (const b of battles) {
    const p = 1 / (1 + Math.exp(-s * (beta.get(b.model_a)! - beta.get(b.model_b)!)));
    const tie = b.winner === 'tie' || b.winner === 'tie (bothbad)';
    const labels = tie ? [1, 0] : b.winner === 'model_a' ? [1, 1] : [0, 0];
    for (const y of labels) {
      g.set(b.model_a, g.get(b.model_a)! + s * (p - y));
      g.set(b.model_b, g.get(b.model_b)! - s * (p - y));
    }
  }
  return Math.sqrt([...g.values()].reduce((a, x) => a + x * x, 0));
}

describeWithDatasets('fitBradleyTerry on GenAI-Arena battles (2024-02-20)', () => {
  const battles = readArenaBattles();
  const leaderboard = readArenaLeaderboard();

  it.each([
    ['anony', (b: ArenaBattle) => b.anony],
    ['full', () => true],
  ] as const)('reproduces the published (%s) leaderboard: same order, every rating within 2.6 Elo, gradient < 1e-9', (scope, keep) => {
    const selected = battles.filter(keep);
    const counts = new PairwiseCounts();
    for (const b of selected) counts.add({ modelA: b.model_a, modelB: b.model_b, winner: arenaWinner(b.winner) });
    const fit = fitBradleyTerry(counts, { penalty: 1 });
    const published = fit.models.map((m) => leaderboard.get(m)![scope]);
    const deviations = fit.models.map((_, x) => Math.abs(fit.ratings[x] - published[x]));
    const maxDeviation = Math.max(...deviations);
    const independentGradient = rowLevelGradient(selected, new Map(fit.models.map((m, x) => [m, fit.beta[x]])), 1);
    console.log(`arena (${scope}): ${selected.length} battles, ${fit.models.length} models, gradient norm ${fit.gradientNorm.toExponential(2)} after ${fit.iterations} Newton steps, row-level gradient ${independentGradient.toExponential(2)}, max |rating - published| ${maxDeviation.toFixed(3)} Elo`);

    expect(fit.models).toHaveLength(leaderboard.size);
    expect(fit.gradientNorm).toBeLessThan(1e-9);
    expect(independentGradient).toBeLessThan(1e-8);
    expect(maxDeviation).toBeLessThan(2.6);
    const byRating = (values: ArrayLike<number>) => [...fit.models].sort((x, y) => values[fit.models.indexOf(y)] - values[fit.models.indexOf(x)]);
    expect(byRating(fit.ratings)).toEqual(byRating(published));
    // The penalty matters on data this small: the plain MLE (each component centred) lands tens of Elo away.
    const plain = fitBradleyTerry(counts, { penalty: 0 });
    const plainDeviation = Math.max(...plain.models.map((_, x) => Math.abs(plain.ratings[x] - published[x])));
    console.log(`arena (${scope}) without the penalty: gradient norm ${plain.gradientNorm.toExponential(2)}, max |rating - published| ${plainDeviation.toFixed(1)} Elo`);
    expect(plain.gradientNorm).toBeLessThan(1e-9);
    expect(plainDeviation).toBeGreaterThan(20);
  });

  it('refits incrementally: warm-started from the first half, all battles give the cold fit in fewer steps', () => {
    const half = Math.floor(battles.length / 2);
    const counts = new PairwiseCounts();
    const add = (b: ArenaBattle) => counts.add({ modelA: b.model_a, modelB: b.model_b, winner: arenaWinner(b.winner) });
    battles.slice(0, half).forEach(add);
    const first = fitBradleyTerry(counts);
    battles.slice(half).forEach(add);
    const warm = fitBradleyTerry(counts, {}, betaByModel(first));
    const cold = fitBradleyTerry(counts);
    expect(warm.gradientNorm).toBeLessThan(1e-9);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    cold.models.forEach((m, x) => expect(Math.abs(warm.ratings[warm.models.indexOf(m)] - cold.ratings[x])).toBeLessThan(1e-7));
  });
});
