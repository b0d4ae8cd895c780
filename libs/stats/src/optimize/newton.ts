import { choleskyInPlace, choleskyInverse, choleskySolve } from '../linalg/cholesky';

/**
 * A smooth convex objective: `evaluate` returns f(theta) and writes its gradient and Hessian (row-major
 * d * d) into the buffers it is given. Each model (Bradley-Terry from counts, style control from
 * per-vote rows, logistic effects from dense rows) supplies its own, exploiting its own sparsity.
 */
export interface SmoothObjective {
  readonly dimension: number;
  evaluate(theta: Float64Array, gradient: Float64Array, hessian: Float64Array): number;
}

export interface NewtonOptions {
  /** Stop when the Euclidean norm of the gradient falls below this. */
  tolerance?: number;
  maxIterations?: number;
}

export interface NewtonResult {
  theta: Float64Array;
  objective: number;
  gradientNorm: number;
  iterations: number;
  converged: boolean;
  /** Inverse of the Hessian at theta (for standard errors); null when it is singular there. */
  inverseHessian(): Float64Array | null;
}

const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/**
 * Damped Newton's method. The step solves H d = g by Cholesky (adding a growing ridge if H is not
 * positive definite, e.g. far from the optimum under separation), then backtracks until the objective
 * decreases (Armijo). Close to the optimum f changes by less than its rounding error, so a full step
 * that lowers the gradient norm is also accepted: that is what drives the gradient to 1e-9 and below.
 * Starting from a previous solution (warm start) typically needs one or two steps.
 */
export function minimiseNewton(objective: SmoothObjective, start: ArrayLike<number>, options: NewtonOptions = {}): NewtonResult {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 100;
  const d = objective.dimension;
  if (start.length !== d) throw new RangeError(`start has ${start.length} values, objective has dimension ${d}`);
  let theta = Float64Array.from(start);
  let gradient = new Float64Array(d);
  let hessian = new Float64Array(d * d);
  let f = objective.evaluate(theta, gradient, hessian);
  let gNorm = norm(gradient);
  let iterations = 0;
  const trial = new Float64Array(d);
  let trialGradient = new Float64Array(d);
  let trialHessian = new Float64Array(d * d);

  while (gNorm >= tolerance && iterations < maxIterations && Number.isFinite(f)) {
    iterations++;
    const step = newtonStep(hessian, d, gradient);
    const slope = step.reduce((s, x, i) => s + x * gradient[i], 0); // g^T d > 0 for a descent direction -d
    let t = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 60; halvings++) {
      for (let i = 0; i < d; i++) trial[i] = theta[i] - t * step[i];
      const fTrial = objective.evaluate(trial, trialGradient, trialHessian);
      const sufficient = fTrial <= f - 1e-4 * t * slope;
      const withinRounding = Math.abs(fTrial - f) <= 1e-12 * Math.max(1, Math.abs(f)) && norm(trialGradient) < gNorm;
      if (Number.isFinite(fTrial) && (sufficient || withinRounding)) {
        theta = Float64Array.from(trial);
        [gradient, trialGradient] = [trialGradient, gradient];
        [hessian, trialHessian] = [trialHessian, hessian];
        f = fTrial;
        gNorm = norm(gradient);
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break; // no decrease possible at floating-point resolution
  }
  const finalHessian = hessian;
  return {
    theta,
    objective: f,
    gradientNorm: gNorm,
    iterations,
    converged: gNorm < tolerance,
    inverseHessian: () => {
      const l = Float64Array.from(finalHessian);
      return choleskyInPlace(l, d) ? choleskyInverse(l, d) : null;
    },
  };
}

/** H^-1 g, with a Levenberg ridge when H is not (numerically) positive definite. */
function newtonStep(hessian: Float64Array, d: number, gradient: Float64Array): Float64Array {
  let ridge = 0;
  const scale = Math.max(1e-12, ...Array.from({ length: d }, (_, i) => Math.abs(hessian[i * d + i])));
  for (;;) {
    const l = Float64Array.from(hessian);
    for (let i = 0; i < d; i++) l[i * d + i] += ridge;
    if (choleskyInPlace(l, d)) return choleskySolve(l, d, gradient);
    ridge = ridge === 0 ? 1e-10 * scale : ridge * 10;
    if (ridge > 1e10 * scale) return Float64Array.from(gradient, (g) => g / scale); // gradient step as a last resort
  }
}
