import fc from 'fast-check';
import { minimizeLbfgs } from '../src/optim/lbfgs';

/** Solves A x = b by Gaussian elimination with partial pivoting (independent of the optimizer). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

describe('minimizeLbfgs', () => {
  it('finds the minimum of random strictly convex quadratics ½xᵀAx − bᵀx (A = MᵀM + I)', () => {
    const matrix = fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }), { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(matrix, fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }), (m, b) => {
        const n = 6;
        const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => m.reduce((s, row) => s + row[i]! * row[j]!, 0) + (i === j ? 1 : 0)));
        const result = minimizeLbfgs(
          (x, g) => {
            let f = 0;
            for (let i = 0; i < n; i++) {
              let ax = 0;
              for (let j = 0; j < n; j++) ax += a[i]![j]! * x[j]!;
              g[i] = ax - b[i]!;
              f += 0.5 * x[i]! * ax - b[i]! * x[i]!;
            }
            return f;
          },
          new Float64Array(n),
          // 1e-7, not lower: below that the Armijo test compares f values that differ by rounding only.
          { maxIterations: 500, gradientTolerance: 1e-7, relativeTolerance: 0, history: 5 },
        );
        const exact = solve(a, b);
        expect(result.stopReason).toBe('gradient');
        exact.forEach((v, i) => expect(result.x[i]).toBeCloseTo(v, 6));
      }),
      { numRuns: 50 },
    );
  });
});
