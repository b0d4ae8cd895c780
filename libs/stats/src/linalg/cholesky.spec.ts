import { createPrng } from '../random/prng';
import { choleskyInPlace, choleskyInverse, choleskySolve } from './cholesky';

/** A random symmetric positive-definite matrix B^T B + I. */
function randomSpd(d: number, seed: number): Float64Array {
  const rng = createPrng(seed);
  const b = Array.from({ length: d * d }, () => rng.next() * 2 - 1);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = i === j ? 1 : 0;
    for (let k = 0; k < d; k++) s += b[k * d + i] * b[k * d + j];
    a[i * d + j] = s;
  }
  return a;
}

describe('Cholesky', () => {
  it('solves A x = b and inverts A (residuals at rounding level)', () => {
    for (const d of [1, 3, 25]) {
      const a = randomSpd(d, d);
      const l = Float64Array.from(a);
      expect(choleskyInPlace(l, d)).toBe(true);
      const b = Array.from({ length: d }, (_, i) => i - d / 2);
      const x = choleskySolve(l, d, b);
      const inverse = choleskyInverse(l, d);
      for (let i = 0; i < d; i++) {
        let ax = 0;
        for (let k = 0; k < d; k++) ax += a[i * d + k] * x[k];
        expect(ax).toBeCloseTo(b[i], 9);
        for (let j = 0; j < d; j++) {
          let product = 0;
          for (let k = 0; k < d; k++) product += a[i * d + k] * inverse[k * d + j];
          expect(product).toBeCloseTo(i === j ? 1 : 0, 9);
        }
      }
    }
  });

  it('reports a matrix that is not positive definite', () => {
    expect(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.from([1, 1, 1, 1]), 2)).toBe(false);
  });
});
