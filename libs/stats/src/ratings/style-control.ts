import { Z_95 } from '../moments/wilson';
import { minimiseNewton } from '../optimize/newton';
import { comparisonComponents, type DirectedComparison } from './comparison-graph';
import { resolveBradleyTerryOptions, softplus, type BradleyTerryOptions } from './bradley-terry';
import type { VoteRowStore } from './vote-row-store';

export interface StyleCoefficient {
  feature: string;
  /** Log-odds per standard deviation of the covariate; NaN for a constant covariate. */
  coef: number;
  /** From the per-vote Fisher information at the optimum (see docs/statistics.md). */
  se: number;
  ciLow: number;
  ciHigh: number;
  /** The z-normalisation used: z = (x - mean) / sd over the rows fitted. */
  mean: number;
  sd: number;
}

export interface StyleControlFit {
  models: string[];
  beta: Float64Array;
  /** Style-controlled ratings: scale * beta + initialRating. */
  ratings: Float64Array;
  votes: number[];
  style: StyleCoefficient[];
  rows: number;
  gradientNorm: number;
  iterations: number;
  converged: boolean;
  objective: number;
}

export interface StyleWarmStart {
  beta?: Readonly<Record<string, number>>;
  coef?: Readonly<Record<string, number>>;
}

/**
 * Bradley-Terry with per-vote covariates (Chatbot Arena's style control): logit P(a beats b) =
 * ln(base) (beta_a - beta_b) + gamma . z, where z are the vote's covariates (e.g. (A - B) / (A + B + 1)
 * for token count, headers, lists, bold) z-normalised over the rows fitted. Same objective conventions
 * as fitBradleyTerry (each vote twice, a tie half a win each, penalty / 2 ||(beta, gamma)||^2), so with
 * constant covariates it equals the plain fit. Needs the rows, not counts: see VoteRowStore.
 */
export function fitStyleControl(store: VoteRowStore, options: BradleyTerryOptions = {}, warmStart: StyleWarmStart = {}): StyleControlFit {
  const resolved = resolveBradleyTerryOptions(options);
  const { penalty } = resolved;
  const s = Math.log(resolved.base);
  const { a, b, outcome, covariates, rows, covariateCount: f } = store.columns();
  const models = [...store.models];
  const m = models.length;

  const votes = new Array<number>(m).fill(0);
  for (let r = 0; r < rows; r++) {
    votes[a[r]]++;
    votes[b[r]]++;
  }
  const { mean, sd } = columnMeanAndSd(covariates, rows, f);

  // Parameters: models with votes, then covariates that vary.
  const modelParam = new Int32Array(m).fill(-1);
  let d = 0;
  for (let x = 0; x < m; x++) if (votes[x] > 0) modelParam[x] = d++;
  const dm = d;
  const covParam = new Int32Array(f).fill(-1);
  const active: number[] = [];
  for (let c = 0; c < f; c++) if (sd[c] > 0) {
    covParam[c] = d++;
    active.push(c);
  }
  const fa = active.length;
  const z = new Float64Array(rows * fa);
  for (let r = 0; r < rows; r++) active.forEach((c, k) => (z[r * fa + k] = (covariates[r * f + c] - mean[c]) / sd[c]));
  const component = penalty === 0 ? finiteMaximumComponents(a, b, outcome, rows, modelParam, dm) : null;

  const objective = {
    dimension: d,
    evaluate(theta: Float64Array, g: Float64Array, h: Float64Array): number {
      g.fill(0);
      h.fill(0);
      let fval = 0;
      for (let r = 0; r < rows; r++) {
        const pa = modelParam[a[r]];
        const pb = modelParam[b[r]];
        let eta = s * (theta[pa] - theta[pb]);
        const zr = r * fa;
        for (let k = 0; k < fa; k++) eta += theta[dm + k] * z[zr + k];
        const y = outcome[r] / 2;
        fval += 2 * (y * softplus(-eta) + (1 - y) * softplus(eta));
        const p = 1 / (1 + Math.exp(-eta));
        const residual = 2 * (p - y);
        const w = 2 * p * (1 - p);
        g[pa] += s * residual;
        g[pb] -= s * residual;
        const ws2 = w * s * s;
        h[pa * d + pa] += ws2;
        h[pb * d + pb] += ws2;
        h[pa * d + pb] -= ws2;
        h[pb * d + pa] -= ws2;
        for (let k = 0; k < fa; k++) {
          const zk = z[zr + k];
          g[dm + k] += residual * zk;
          const cross = w * s * zk;
          h[pa * d + dm + k] += cross;
          h[pb * d + dm + k] -= cross;
          const rowK = (dm + k) * d + dm;
          for (let l = 0; l <= k; l++) h[rowK + l] += w * zk * z[zr + l];
        }
      }
      // Mirror the lower feature block and the model-feature cross terms.
      for (let k = 0; k < fa; k++) {
        for (let l = 0; l < k; l++) h[(dm + l) * d + dm + k] = h[(dm + k) * d + dm + l];
        for (let x = 0; x < dm; x++) h[(dm + k) * d + x] = h[x * d + dm + k];
      }
      if (penalty > 0) {
        for (let x = 0; x < d; x++) {
          fval += 0.5 * penalty * theta[x] * theta[x];
          g[x] += penalty * theta[x];
          h[x * d + x] += penalty;
        }
      } else {
        // Same gauge as fitBradleyTerry, on the model block only (gamma is identified).
        let c = 0;
        for (let x = 0; x < dm; x++) c += h[x * d + x] / Math.max(1, dm);
        for (let x = 0; x < dm; x++) for (let y = 0; y < dm; y++) if (component![x] === component![y]) h[x * d + y] += c;
      }
      return fval;
    },
  };

  const start = new Float64Array(d);
  models.forEach((name, x) => {
    if (modelParam[x] >= 0) start[modelParam[x]] = warmStart.beta?.[name] ?? 0;
  });
  active.forEach((c, k) => (start[dm + k] = warmStart.coef?.[store.covariateNames[c]] ?? 0));
  const result = minimiseNewton(objective, start, { tolerance: resolved.tolerance, maxIterations: resolved.maxIterations });

  const beta = new Float64Array(m).fill(NaN);
  for (let x = 0; x < m; x++) if (modelParam[x] >= 0) beta[x] = result.theta[modelParam[x]];
  // Per-vote information is half the duplicated objective's curvature, so Var = 2 [H^-1].
  const inverse = fa > 0 ? result.inverseHessian() : null;
  const style = store.covariateNames.map((feature, c) => {
    const p = covParam[c];
    const coef = p >= 0 ? result.theta[p] : NaN;
    const se = p >= 0 && inverse ? Math.sqrt(2 * inverse[p * d + p]) : NaN;
    return { feature, coef, se, ciLow: coef - Z_95 * se, ciHigh: coef + Z_95 * se, mean: mean[c], sd: sd[c] };
  });
  return {
    models,
    beta,
    ratings: beta.map((x) => resolved.scale * x + resolved.initialRating),
    votes,
    style,
    rows,
    gradientNorm: result.gradientNorm,
    iterations: result.iterations,
    converged: result.converged,
    objective: result.objective,
  };
}

/**
 * Population mean and sd (numpy's np.std, as the arena z-normalises) of each column. A column whose
 * spread is at rounding level relative to its magnitude is constant: sd 0, left out of the fit.
 */
export function columnMeanAndSd(values: Float64Array, rows: number, f: number): { mean: Float64Array; sd: Float64Array } {
  const mean = new Float64Array(f);
  const sd = new Float64Array(f);
  const largest = new Float64Array(f);
  for (let r = 0; r < rows; r++) for (let c = 0; c < f; c++) {
    mean[c] += values[r * f + c];
    largest[c] = Math.max(largest[c], Math.abs(values[r * f + c]));
  }
  for (let c = 0; c < f; c++) mean[c] /= Math.max(1, rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < f; c++) sd[c] += (values[r * f + c] - mean[c]) ** 2;
  for (let c = 0; c < f; c++) {
    sd[c] = Math.sqrt(sd[c] / Math.max(1, rows));
    if (sd[c] <= 1e-12 * largest[c]) sd[c] = 0;
  }
  return { mean, sd };
}

function finiteMaximumComponents(a: Int32Array, b: Int32Array, outcome: Uint8Array, rows: number, param: Int32Array, dm: number): Int32Array {
  const seen = new Set<number>();
  const edges: DirectedComparison[] = [];
  for (let r = 0; r < rows; r++) {
    const [pa, pb] = [param[a[r]], param[b[r]]];
    // outcome 2: a beat b; 0: b beat a; 1: tie, both directions.
    if (outcome[r] >= 1 && !seen.has(pa * dm + pb)) {
      seen.add(pa * dm + pb);
      edges.push({ from: pa, to: pb });
    }
    if (outcome[r] <= 1 && !seen.has(pb * dm + pa)) {
      seen.add(pb * dm + pa);
      edges.push({ from: pb, to: pa });
    }
  }
  const components = comparisonComponents(dm, edges);
  if (!components.finiteMaximum) throw new RangeError('unpenalised style control has no finite maximum here (some group of models never lost to the models it met); use penalty > 0');
  return components.component;
}

/** Style coefficients by name, the warm start of the next refit. */
export function styleWarmStart(fit: StyleControlFit): StyleWarmStart {
  const beta: Record<string, number> = {};
  fit.models.forEach((name, x) => {
    if (Number.isFinite(fit.beta[x])) beta[name] = fit.beta[x];
  });
  const coef: Record<string, number> = {};
  for (const c of fit.style) if (Number.isFinite(c.coef)) coef[c.feature] = c.coef;
  return { beta, coef };
}
