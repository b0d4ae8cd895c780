import fc from 'fast-check';
import { rocAuc } from './roc-auc';

/** The definition: share of (positive, negative) pairs ordered correctly, ties half. */
function pairwiseAuc(scores: number[], labels: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!labels[i]) return;
    scores.forEach((n, j) => {
      if (labels[j]) return;
      pairs++;
      wins += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('rocAuc', () => {
  it('equals the pairwise definition, ties included', () => {
    const data = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 60 }).filter((d) => d.some(([, l]) => l) && d.some(([, l]) => !l));
    fc.assert(fc.property(data, (d) => Math.abs(rocAuc(d.map(([s]) => s), d.map(([, l]) => l)) - pairwiseAuc(d.map(([s]) => s), d.map(([, l]) => l))) < 1e-12), { numRuns: 500, seed: 9 });
  });

  it('is NaN when a class is missing', () => {
    expect(rocAuc([1, 2], [true, true])).toBeNaN();
  });
});
