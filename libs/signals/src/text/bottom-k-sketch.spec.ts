import fc from 'fast-check';
import { bottomK, jaccardEstimate } from './bottom-k-sketch';
import { fmix32 } from './hash';

const exactJaccard = (a: Set<number>, b: Set<number>) => {
  const union = new Set([...a, ...b]);
  return union.size === 0 ? 1 : [...a].filter((x) => b.has(x)).length / union.size;
};

describe('bottom-k sketch', () => {
  it('keeps the k smallest distinct values, ascending, whatever the input order and repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (values, k) => {
        const expected = [...new Set(values)].sort((x, y) => x - y).slice(0, k);
        expect(bottomK(values, k)).toEqual(expected);
        expect(bottomK([...values].reverse(), k)).toEqual(expected);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('gives the exact Jaccard similarity when the union of the sets fits in k', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(), { maxLength: 8 }), fc.uniqueArray(fc.nat(), { maxLength: 8 }), (a, b) => {
        expect(jaccardEstimate(bottomK(a, 16), bottomK(b, 16), 16)).toBeCloseTo(exactJaccard(new Set(a), new Set(b)), 12);
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('estimates the Jaccard similarity of large sets within the sampling error sqrt(J(1-J)/k)', () => {
    const k = 64;
    const deviations: number[] = [];
    for (let trial = 0; trial < 200; trial++) {
      const shared = Array.from({ length: 500 }, (_, i) => fmix32(trial * 100_000 + i));
      const onlyA = Array.from({ length: 250 }, (_, i) => fmix32(trial * 100_000 + 10_000 + i));
      const onlyB = Array.from({ length: 250 }, (_, i) => fmix32(trial * 100_000 + 20_000 + i));
      const estimate = jaccardEstimate(bottomK([...shared, ...onlyA], k), bottomK([...shared, ...onlyB], k), k);
      deviations.push(estimate - 0.5); // exact: 500 / 1000
    }
    const mean = deviations.reduce((s, d) => s + d, 0) / deviations.length;
    const rmse = Math.sqrt(deviations.reduce((s, d) => s + d * d, 0) / deviations.length);
    expect(Math.abs(mean)).toBeLessThan(0.02); // unbiased
    expect(rmse).toBeLessThan(1.3 * Math.sqrt((0.5 * 0.5) / k)); // about the theoretical standard error
  });
});
