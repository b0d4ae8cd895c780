import fc from 'fast-check';
import { featureDiffs, responseFeatures } from '../src';

const featureMap = fc.dictionary(fc.constantFrom('tokens', 'header_count', 'list_count', 'bold_count', 'toxicity'), fc.oneof(fc.nat(10_000), fc.double({ min: 0, max: 1, noNaN: true })));

describe('featureDiffs', () => {
  it('is (A - B) / (A + B + 1) per shared feature', () => {
    expect(featureDiffs({ tokens: 300, bold_count: 0, only_a: 1 }, { tokens: 100, bold_count: 2, only_b: 5 })).toEqual({ tokens: 200 / 401, bold_count: -2 / 3 });
  });

  it('property: antisymmetric, in (-1, 1), 0 on equal values', () => {
    fc.assert(
      fc.property(featureMap, featureMap, (a, b) => {
        const ab = featureDiffs(a, b);
        const ba = featureDiffs(b, a);
        for (const [name, d] of Object.entries(ab)) {
          expect(d).toBeGreaterThan(-1);
          expect(d).toBeLessThan(1);
          expect(d + ba[name]).toBeCloseTo(0, 12);
        }
        expect(Object.keys(ab).sort()).toEqual(Object.keys(a).filter((k) => k in b).sort());
        expect(Object.values(featureDiffs(a, a)).every((d) => d === 0)).toBe(true);
      }),
    );
  });

  it('property: on real feature vectors of any two texts, antisymmetric and in (-1, 1)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (x, y) => {
        const a = responseFeatures(x).numeric;
        const b = responseFeatures(y).numeric;
        const ab = featureDiffs(a, b);
        const ba = featureDiffs(b, a);
        expect(Object.keys(ab)).toEqual(Object.keys(a));
        for (const name of Object.keys(ab)) {
          expect(Math.abs(ab[name])).toBeLessThan(1);
          expect(ab[name]).toBeCloseTo(-ba[name], 12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects negative or non-finite values (the formula needs A, B >= 0)', () => {
    expect(() => featureDiffs({ x: -1 }, { x: 1 })).toThrow(/x/);
    expect(() => featureDiffs({ x: NaN }, { x: 1 })).toThrow(RangeError);
    expect(() => featureDiffs({ x: 1 }, { x: Infinity })).toThrow(RangeError);
  });
});
