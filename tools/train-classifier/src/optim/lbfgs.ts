/** f(x) and its gradient, written into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the largest gradient component is below this. */
  gradientTolerance: number;
  /** Stop when f improves by less than this, relative to |f|. */
  relativeTolerance: number;
  history: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  gradientMax: number;
  stopReason: 'gradient' | 'relative-change' | 'max-iterations' | 'line-search';
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/**
 * Limited-memory BFGS (two-loop recursion) with a backtracking Armijo line search. Deterministic: no
 * randomness, so a trainer that feeds it the same data gets the same model bit for bit.
 */
export function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Float64Array(options.history);
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    if (maxAbs(g) < options.gradientTolerance) return { x, value: f, iterations: iteration - 1, evaluations, gradientMax: maxAbs(g), stopReason: 'gradient' };
    // Two-loop recursion: direction = -H g.
    for (let i = 0; i < n; i++) direction[i] = -g[i]!;
    for (let k = sHistory.length - 1; k >= 0; k--) {
      const a = rhoHistory[k]! * dot(sHistory[k]!, direction);
      alpha[k] = a;
      const y = yHistory[k]!;
      for (let i = 0; i < n; i++) direction[i]! -= a * y[i]!;
    }
    if (sHistory.length > 0) {
      const last = sHistory.length - 1;
      const gamma = dot(sHistory[last]!, yHistory[last]!) / dot(yHistory[last]!, yHistory[last]!);
      for (let i = 0; i < n; i++) direction[i]! *= gamma;
    }
    for (let k = 0; k < sHistory.length; k++) {
      const b = rhoHistory[k]! * dot(yHistory[k]!, direction);
      const s = sHistory[k]!;
      const coef = alpha[k]! - b;
      for (let i = 0; i < n; i++) direction[i]! += coef * s[i]!;
    }
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (curvature went bad): restart from steepest descent.
      sHistory.length = yHistory.length = rhoHistory.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = dot(g, direction);
    }
    let step = sHistory.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let fNext = Infinity;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNext[i] = x[i]! + step * direction[i]!;
      fNext = objective(xNext, gNext);
      evaluations++;
      // Strictly below f too: near the optimum f + 1e-4·step·slope rounds to f, and accepting fNext === f
      // would cycle at the rounding floor until maxIterations instead of reporting that no step helps.
      if (fNext < f && fNext <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) return { x, value: f, iterations: iteration, evaluations, gradientMax: maxAbs(g), stopReason: 'line-search' };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNext[i]! - x[i]!;
      y[i] = gNext[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sHistory.length === options.history) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
      sHistory.push(s);
      yHistory.push(y);
      rhoHistory.push(1 / sy);
    }
    const improvement = f - fNext;
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    f = fNext;
    if (improvement < options.relativeTolerance * Math.max(1, Math.abs(f))) {
      return { x, value: f, iterations: iteration, evaluations, gradientMax: maxAbs(g), stopReason: 'relative-change' };
    }
  }
  return { x, value: f, iterations: options.maxIterations, evaluations, gradientMax: maxAbs(g), stopReason: 'max-iterations' };
}
