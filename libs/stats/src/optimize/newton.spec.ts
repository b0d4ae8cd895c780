import { minimiseNewton, type SmoothObjective } from './newton';

const quadratic: SmoothObjective = {
  dimension: 2,
  // f = (x - 3)^2 + 2 (y + 1)^2 + x y
  evaluate(t, g, h) {
    const [x, y] = t;
    g[0] = 2 * (x - 3) + y;
    g[1] = 4 * (y + 1) + x;
    h.set([2, 1, 1, 4]);
    return (x - 3) ** 2 + 2 * (y + 1) ** 2 + x * y;
  },
};

const rosenbrock: SmoothObjective = {
  dimension: 2,
  evaluate(t, g, h) {
    const [x, y] = t;
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
    g[1] = 200 * (y - x * x);
    h.set([2 - 400 * (y - 3 * x * x), -400 * x, -400 * x, 200]);
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
  },
};

describe('minimiseNewton', () => {
  it('solves a quadratic in one step (closed form: x = 4, y = -2)', () => {
    const r = minimiseNewton(quadratic, [0, 0]);
    expect(r.iterations).toBe(1);
    expect(r.theta[0]).toBeCloseTo(4, 12);
    expect(r.theta[1]).toBeCloseTo(-2, 12);
    const inverse = r.inverseHessian()!;
    expect(Array.from(inverse).map((v) => v * 7)).toEqual([4, -1, -1, 2].map((v) => expect.closeTo(v, 12)));
  });

  it('reaches the Rosenbrock minimum (1, 1) from (-1.2, 1), through non-convex regions, gradient < 1e-9', () => {
    const r = minimiseNewton(rosenbrock, [-1.2, 1], { maxIterations: 200 });
    expect(r.converged).toBe(true);
    expect(r.gradientNorm).toBeLessThan(1e-9);
    expect(r.theta[0]).toBeCloseTo(1, 8);
    expect(r.theta[1]).toBeCloseTo(1, 8);
  });

  it('stops at maxIterations without converging when no minimum exists (separable logistic loss)', () => {
    const separable: SmoothObjective = {
      dimension: 1,
      evaluate(t, g, h) {
        const p = 1 / (1 + Math.exp(t[0]));
        g[0] = -p;
        h[0] = p * (1 - p);
        return Math.log1p(Math.exp(-t[0]));
      },
    };
    // Each step adds about 1 to theta; the gradient e^-theta would only pass 1e-9 after ~21 steps.
    const r = minimiseNewton(separable, [0], { maxIterations: 10 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(10);
    expect(r.theta[0]).toBeGreaterThan(8);
  });
});
