import fc from 'fast-check';
import { addValue, emptyMoments, mergeMoments, momentsOf, populationVariance, sampleVariance } from './welford';

/** Two-pass mean and sum of squared deviations: the textbook computation to check against. */
function twoPass(xs: number[]): { mean: number; m2: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, m2: xs.reduce((a, b) => a + (b - mean) ** 2, 0) };
}

/**
 * Within 1e-9 relative, with an absolute floor tied to the data's scale: a mean or m2 that cancels to
 * near zero keeps only the digits the data's magnitude allows (1e6-sized values, 1e-10 absolute).
 */
const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), scale);
const meanScale = (xs: number[]) => 1e-6 * xs.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
// Values on a 1e-6 grid in [-1e6, 1e6]: real measurements, no denormals (whose squares underflow).
const values = fc.array(fc.integer({ min: -1e12, max: 1e12 }).map((i) => i / 1e6), { maxLength: 60 });

describe('Welford moments', () => {
  it('match the two-pass mean and variance', () => {
    fc.assert(
      fc.property(values.filter((xs) => xs.length > 1), (xs) => {
        const m = momentsOf(xs);
        const ref = twoPass(xs);
        const scale = xs.reduce((a, b) => a + b * b, 0) * 1e-6; // absolute floor for near-constant samples
        return m.n === xs.length && close(m.mean, ref.mean, meanScale(xs)) && close(m.m2, ref.m2, scale);
      }),
    );
  });

  it('merge(agg(a), agg(b)) equals agg(a ++ b): n exactly, mean and m2 within 1e-9 relative', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const merged = mergeMoments(momentsOf(a), momentsOf(b));
        const whole = momentsOf([...a, ...b]);
        const scale = [...a, ...b].reduce((s, x) => s + x * x, 0) * 1e-6;
        return merged.n === whole.n && close(merged.mean, whole.mean, meanScale([...a, ...b])) && close(merged.m2, whole.m2, scale);
      }),
    );
  });

  it('gives the known variance of 2, 4, 4, 4, 5, 5, 7, 9 (population 4, sample 32/7)', () => {
    const m = momentsOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.mean).toBe(5);
    expect(populationVariance(m)).toBeCloseTo(4, 12);
    expect(sampleVariance(m)).toBeCloseTo(32 / 7, 12);
    expect(sampleVariance(momentsOf([1]))).toBeNaN();
  });

  it('stays accurate with a large offset (where sum-of-squares formulas cancel)', () => {
    const m = emptyMoments();
    for (const x of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) addValue(m, x);
    expect(sampleVariance(m)).toBeCloseTo(30, 9);
    expect(() => addValue(m, NaN)).toThrow(RangeError);
  });
});
