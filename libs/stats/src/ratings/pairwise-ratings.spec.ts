import { arenaWinner, describeWithDatasets, readArenaBattles } from '../../test/datasets';
import { fitBradleyTerry } from './bradley-terry';
import { PairwiseCounts } from './pairwise-counts';
import { PairwiseRatings } from './pairwise-ratings';

describe('PairwiseRatings', () => {
  it('writes finite snapshot rows for every method and restores from its checkpoint', () => {
    const ratings = new PairwiseRatings({ scope: 'global', bootstrap: { rounds: 20 }, style: { covariates: ['len'] } });
    const votes = [['x', 'y', 'a', 0.4], ['y', 'z', 'a', 0.1], ['z', 'x', 'a', -0.3], ['x', 'z', 'tie', 0.2], ['y', 'x', 'both_bad', 0], ['x', 'x', 'a', 0]] as const;
    for (let r = 0; r < 10; r++) for (const [a, b, w, len] of votes) ratings.add({ modelA: a, modelB: b, winner: w, covariates: { len: len + r / 100 } });
    ratings.refit();
    const { ratings: rows, effects } = ratings.snapshot(1_700_000_000_000);
    expect(new Set(rows.map((r) => r.method))).toEqual(new Set(['bradley_terry', 'style_control', 'elo']));
    expect(rows.filter((r) => r.method === 'bradley_terry')).toHaveLength(3);
    for (const r of rows) {
      expect(r.ci_low).toBeLessThanOrEqual(r.rating);
      expect(r.ci_high).toBeGreaterThanOrEqual(r.rating);
      expect(r.votes).toBe(r.model === 'x' ? 40 : 30); // the self-vote is skipped
    }
    expect(effects).toEqual([expect.objectContaining({ target: 'style_control', feature: 'len', n: 50 })]);

    const restored = new PairwiseRatings({ scope: 'global', bootstrap: { rounds: 20 } }, JSON.parse(JSON.stringify(ratings.toJSON())));
    restored.refit();
    const bt = (p: PairwiseRatings) => p.snapshot(0).ratings.filter((r) => r.method !== 'style_control');
    expect(bt(restored)).toEqual(bt(ratings).map((r) => ({ ...r, computed_at: 0 })));
  });
});

describeWithDatasets('PairwiseRatings streaming GenAI-Arena battles', () => {
  it('refits warm every 100 votes and ends at the cold batch fit of all votes', () => {
    const battles = readArenaBattles();
    const stream = new PairwiseRatings({ scope: 'arena', bootstrap: { rounds: 0 } });
    let refits = 0;
    let steps = 0;
    battles.forEach((b, k) => {
      stream.add({ modelA: b.model_a, modelB: b.model_b, winner: arenaWinner(b.winner) });
      if ((k + 1) % 100 === 0 || k === battles.length - 1) {
        steps += stream.refit().fit.iterations;
        refits++;
      }
    });
    const counts = new PairwiseCounts();
    battles.forEach((b) => counts.add({ modelA: b.model_a, modelB: b.model_b, winner: arenaWinner(b.winner) }));
    const batch = fitBradleyTerry(counts);
    const streamed = stream.snapshot(0).ratings.filter((r) => r.method === 'bradley_terry');
    console.log(`arena stream: ${refits} warm refits, ${(steps / refits).toFixed(2)} Newton steps each (cold fit: ${batch.iterations})`);
    expect(streamed).toHaveLength(batch.models.length);
    for (const r of streamed) expect(Math.abs(r.rating - batch.ratings[batch.models.indexOf(r.model)])).toBeLessThan(1e-7);
    expect(steps / refits).toBeLessThan(batch.iterations);
  });
});
