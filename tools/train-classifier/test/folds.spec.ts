import fc from 'fast-check';
import { stratifiedFolds } from '../src/folds';

describe('stratifiedFolds', () => {
  it('deals every label evenly across the folds (counts differ by at most one) and is seeded', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 5, maxLength: 200 }), fc.integer({ min: 2, max: 6 }), fc.integer(), (labels, folds, seed) => {
        const rows = labels.map((label, i) => ({ id: String(i), text: '', label }));
        const fold = stratifiedFolds(rows, folds, seed);
        expect(fold.every((f) => f >= 0 && f < folds)).toBe(true);
        for (const label of ['a', 'b', 'c']) {
          const counts = Array.from({ length: folds }, (_, k) => rows.filter((r, i) => r.label === label && fold[i] === k).length);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        }
        expect([...stratifiedFolds(rows, folds, seed)]).toEqual([...fold]);
      }),
    );
  });

  it('a different seed gives a different assignment', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: String(i), text: '', label: i % 2 ? 'x' : 'y' }));
    expect([...stratifiedFolds(rows, 5, 1)]).not.toEqual([...stratifiedFolds(rows, 5, 2)]);
  });
});
