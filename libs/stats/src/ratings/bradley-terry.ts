import { minimiseNewton } from '../optimize/newton';
import { comparisonComponents, type DirectedComparison } from './comparison-graph';
import type { PairwiseCounts } from './pairwise-counts';

/**
 * Bradley-Terry by exact maximum likelihood from pair counts, in the arena convention
 * (docs/statistics.md): each vote enters twice as given; a tie is a win for each side once, so a pair
 * with wins W_i, W_j and ties T contributes (2 W_i + T) * -log s(d) + (2 W_j + T) * -log s(-d) with
 * d = ln(base) (beta_i - beta_j) and s the logistic function, plus penalty / 2 * ||beta||^2 (scikit-learn's
 * L2 with C = 1 when penalty = 1). rating = scale * beta + initialRating.
 * Without a penalty the ratings are only defined up to a shift per group of models that met each other
 * (connected component); the fit fixes sum(beta) = 0 in each, the minimum-norm solution a gradient
 * method started from zero (scikit-learn's lbfgs) also returns.
 */
export interface BradleyTerryOptions {
  /** L2 penalty lambda on beta (>= 0). Default 1, the arena's scikit-learn default; 0 is the plain MLE. */
  penalty?: number;
  base?: number;
  scale?: number;
  initialRating?: number;
  /** Gradient norm to reach. Default 1e-9. */
  tolerance?: number;
  maxIterations?: number;
}

export interface BradleyTerryFit {
  models: string[];
  /** Log-strengths in base-`base` units; NaN for a model without votes. */
  beta: Float64Array;
  ratings: Float64Array;
  /** Votes each model took part in. */
  votes: number[];
  gradientNorm: number;
  iterations: number;
  converged: boolean;
  objective: number;
}

/** Column form of the pair rows, shared with the bootstrap (which only swaps the counts). */
export interface PairArrays {
  modelCount: number;
  i: Int32Array;
  j: Int32Array;
  winsI: Float64Array;
  winsJ: Float64Array;
  ties: Float64Array;
}

export const resolveBradleyTerryOptions = (o: BradleyTerryOptions = {}): Required<BradleyTerryOptions> => {
  const resolved = { penalty: 1, base: 10, scale: 400, initialRating: 1000, tolerance: 1e-9, maxIterations: 100, ...o };
  if (!(resolved.penalty >= 0)) throw new RangeError(`penalty must be >= 0, got ${resolved.penalty}`);
  if (!(resolved.base > 1)) throw new RangeError(`base must be > 1, got ${resolved.base}`);
  return resolved;
};

export function pairArrays(counts: PairwiseCounts): PairArrays {
  const rows = counts.rows();
  return {
    modelCount: counts.models.length,
    i: Int32Array.from(rows, (r) => r.i),
    j: Int32Array.from(rows, (r) => r.j),
    winsI: Float64Array.from(rows, (r) => r.winsI),
    winsJ: Float64Array.from(rows, (r) => r.winsJ),
    ties: Float64Array.from(rows, (r) => r.ties),
  };
}

/** -log s(-x) = log(1 + e^x), without overflow. */
export const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

export interface PairFit {
  beta: Float64Array;
  gradientNorm: number;
  iterations: number;
  converged: boolean;
  objective: number;
}

/**
 * Fits the pair arrays. `start` holds one beta per model (NaN or missing -> 0). Models without votes
 * are left out of the parameter vector and come back as NaN.
 */
export function fitPairArrays(data: PairArrays, options: Required<BradleyTerryOptions>, start?: ArrayLike<number>): PairFit {
  const { penalty, tolerance, maxIterations } = options;
  const s = Math.log(options.base);
  const m = data.modelCount;
  const votes = new Float64Array(m);
  for (let k = 0; k < data.i.length; k++) {
    const n = data.winsI[k] + data.winsJ[k] + data.ties[k];
    votes[data.i[k]] += n;
    votes[data.j[k]] += n;
  }
  const param = new Int32Array(m).fill(-1);
  let d = 0;
  for (let x = 0; x < m; x++) if (votes[x] > 0) param[x] = d++;
  const component = penalty === 0 ? finiteMaximumComponents(data, param, d) : null;

  const objective = {
    dimension: d,
    evaluate(beta: Float64Array, g: Float64Array, h: Float64Array): number {
      g.fill(0);
      h.fill(0);
      let f = 0;
      for (let k = 0; k < data.i.length; k++) {
        const n = data.winsI[k] + data.winsJ[k] + data.ties[k];
        if (n === 0) continue;
        const a = param[data.i[k]];
        const b = param[data.j[k]];
        const winsA = 2 * data.winsI[k] + data.ties[k];
        const winsB = 2 * data.winsJ[k] + data.ties[k];
        const diff = s * (beta[a] - beta[b]);
        f += winsA * softplus(-diff) + winsB * softplus(diff);
        const p = 1 / (1 + Math.exp(-diff));
        const slope = s * (2 * n * p - winsA);
        const curvature = s * s * 2 * n * p * (1 - p);
        g[a] += slope;
        g[b] -= slope;
        h[a * d + a] += curvature;
        h[b * d + b] += curvature;
        h[a * d + b] -= curvature;
        h[b * d + a] -= curvature;
      }
      if (penalty > 0) {
        for (let x = 0; x < d; x++) {
          f += 0.5 * penalty * beta[x] * beta[x];
          g[x] += penalty * beta[x];
          h[x * d + x] += penalty;
        }
      } else {
        // Gauge: the loss is flat along the indicator 1_C of each component C and its gradient is
        // orthogonal to it, so adding c 1_C 1_C^T to H keeps Newton's step inside sum_C(beta) = 0
        // without changing it there.
        let c = 0;
        for (let x = 0; x < d; x++) c += h[x * d + x] / d;
        for (let x = 0; x < d; x++) for (let y = 0; y < d; y++) if (component![x] === component![y]) h[x * d + y] += c;
      }
      return f;
    },
  };

  const theta = new Float64Array(d);
  if (start) for (let x = 0; x < m; x++) if (param[x] >= 0 && x < start.length && Number.isFinite(start[x])) theta[param[x]] = start[x];
  if (component) centreEachComponent(theta, component);
  const r = minimiseNewton(objective, theta, { tolerance, maxIterations });
  const beta = new Float64Array(m).fill(NaN);
  for (let x = 0; x < m; x++) if (param[x] >= 0) beta[x] = r.theta[param[x]];
  return { beta, gradientNorm: r.gradientNorm, iterations: r.iterations, converged: r.converged, objective: r.objective };
}

function centreEachComponent(theta: Float64Array, component: Int32Array): void {
  const sums = new Map<number, { sum: number; n: number }>();
  theta.forEach((t, x) => {
    const s = sums.get(component[x]) ?? { sum: 0, n: 0 };
    sums.set(component[x], { sum: s.sum + t, n: s.n + 1 });
  });
  theta.forEach((t, x) => {
    const s = sums.get(component[x])!;
    theta[x] = t - s.sum / s.n;
  });
}

/** Component of each parameter; throws when the unpenalised maximum is not finite. */
function finiteMaximumComponents(data: PairArrays, param: Int32Array, d: number): Int32Array {
  const edges: DirectedComparison[] = [];
  for (let k = 0; k < data.i.length; k++) {
    const a = param[data.i[k]];
    const b = param[data.j[k]];
    if (a < 0 || b < 0) continue;
    if (data.winsI[k] + data.ties[k] > 0) edges.push({ from: a, to: b });
    if (data.winsJ[k] + data.ties[k] > 0) edges.push({ from: b, to: a });
  }
  const components = comparisonComponents(d, edges);
  if (!components.finiteMaximum) {
    throw new RangeError('unpenalised Bradley-Terry has no finite maximum here (some group of models never lost to the models it met); use penalty > 0');
  }
  return components.component;
}

/**
 * Exact fit of the counts. `warmStart` holds betas by model name from a previous fit (new models start
 * at 0); Newton from there typically needs one or two steps after a batch of new votes.
 */
export function fitBradleyTerry(counts: PairwiseCounts, options: BradleyTerryOptions = {}, warmStart?: Readonly<Record<string, number>>): BradleyTerryFit {
  const resolved = resolveBradleyTerryOptions(options);
  const models = [...counts.models];
  const start = warmStart ? models.map((name) => warmStart[name] ?? 0) : undefined;
  const fit = fitPairArrays(pairArrays(counts), resolved, start);
  return {
    models,
    beta: fit.beta,
    ratings: fit.beta.map((b) => resolved.scale * b + resolved.initialRating),
    votes: counts.votesPerModel(),
    gradientNorm: fit.gradientNorm,
    iterations: fit.iterations,
    converged: fit.converged,
    objective: fit.objective,
  };
}

/** Betas by model name, the warm start of the next refit. */
export function betaByModel(fit: Pick<BradleyTerryFit, 'models' | 'beta'>): Record<string, number> {
  const out: Record<string, number> = {};
  fit.models.forEach((m, x) => {
    if (Number.isFinite(fit.beta[x])) out[m] = fit.beta[x];
  });
  return out;
}
