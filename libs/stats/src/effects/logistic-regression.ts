import { Z_95 } from '../moments/wilson';
import { minimiseNewton } from '../optimize/newton';

/** Dense rows: x is row-major (rows * d), y in [0, 1] (0.5 for a tie). */
export interface LogisticRows {
  rows: number;
  d: number;
  x: Float64Array;
  y: Float64Array;
}

export interface LogisticOptions {
  /** Fit an intercept (never penalised). */
  intercept: boolean;
  /** L2 penalty lambda / 2 ||w||^2 on the slopes. Default 0. */
  penalty?: number;
  tolerance?: number;
  maxIterations?: number;
  /** Previous solution, intercept first when there is one. */
  warmStart?: ArrayLike<number>;
}

export interface LogisticFit {
  /** Intercept first when fitted, then one slope per column. */
  coef: Float64Array;
  /** sqrt of the diagonal of the inverse (penalised) Fisher information X^T W X + lambda I. */
  se: Float64Array;
  ciLow: Float64Array;
  ciHigh: Float64Array;
  gradientNorm: number;
  iterations: number;
  converged: boolean;
}

/**
 * Logistic regression minimising sum_r [ -y log p - (1 - y) log(1 - p) ] + penalty / 2 ||w||^2 by
 * Newton's method. Fractional y (ties as 1/2) is the quasi-likelihood with the same estimating
 * equations. Standard errors come from the inverse Fisher information at the optimum; with a
 * penalty they are the usual (slightly optimistic) penalised-information approximation.
 */
export function fitLogistic(data: LogisticRows, options: LogisticOptions): LogisticFit {
  const { rows, d, x, y } = data;
  const penalty = options.penalty ?? 0;
  const offset = options.intercept ? 1 : 0;
  const p = d + offset;
  const objective = {
    dimension: p,
    evaluate(theta: Float64Array, g: Float64Array, h: Float64Array): number {
      g.fill(0);
      h.fill(0);
      let f = 0;
      const z = new Float64Array(p);
      if (offset) z[0] = 1;
      for (let r = 0; r < rows; r++) {
        let eta = 0;
        for (let c = 0; c < d; c++) z[offset + c] = x[r * d + c];
        for (let c = 0; c < p; c++) eta += theta[c] * z[c];
        const target = y[r];
        f += eta > 0 ? (1 - target) * eta + Math.log1p(Math.exp(-eta)) : -target * eta + Math.log1p(Math.exp(eta));
        const prob = 1 / (1 + Math.exp(-eta));
        const residual = prob - target;
        const w = prob * (1 - prob);
        for (let a = 0; a < p; a++) {
          g[a] += residual * z[a];
          const wa = w * z[a];
          for (let b = 0; b <= a; b++) h[a * p + b] += wa * z[b];
        }
      }
      for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) h[b * p + a] = h[a * p + b];
      for (let a = offset; a < p; a++) {
        f += 0.5 * penalty * theta[a] * theta[a];
        g[a] += penalty * theta[a];
        h[a * p + a] += penalty;
      }
      return f;
    },
  };
  const start = new Float64Array(p);
  if (options.warmStart && options.warmStart.length === p) start.set(Array.from(options.warmStart, (v) => (Number.isFinite(v) ? v : 0)));
  const r = minimiseNewton(objective, start, { tolerance: options.tolerance ?? 1e-9, maxIterations: options.maxIterations ?? 100 });
  const inverse = r.inverseHessian();
  const se = new Float64Array(p).map((_, a) => (inverse ? Math.sqrt(inverse[a * p + a]) : NaN));
  return {
    coef: r.theta,
    se,
    ciLow: r.theta.map((c, a) => c - Z_95 * se[a]),
    ciHigh: r.theta.map((c, a) => c + Z_95 * se[a]),
    gradientNorm: r.gradientNorm,
    iterations: r.iterations,
    converged: r.converged,
  };
}
