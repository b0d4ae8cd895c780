import type { LinearModelParameters } from '../onnx/linear-model-graph';
import { minimizeLbfgs, type LbfgsResult } from './lbfgs';
import type { SparseRows } from './sparse-rows';

export interface SoftmaxRegressionOptions {
  buckets: number;
  classes: number;
  /** Penalty (l2 / 2)·||W||² on the weights (not the bias), added to the mean weighted log-loss. */
  l2: number;
  /** Per-row weight, e.g. from balanced class weights; 1 when absent. */
  rowWeights?: Float64Array;
  maxIterations: number;
}

export interface SoftmaxRegressionFit {
  parameters: LinearModelParameters;
  optimizer: Omit<LbfgsResult, 'x'>;
}

/**
 * Multinomial logistic regression on sparse rows, fitted to the exact optimum of its convex objective
 * by L-BFGS (no sampling, so the fit is reproducible without a seed). Parameters are laid out
 * [W row-major (bucket, class) | bias].
 */
export function fitSoftmaxRegression(rowsByBucket: SparseRows, labels: Int32Array, options: SoftmaxRegressionOptions): SoftmaxRegressionFit {
  const { buckets, classes, l2 } = options;
  // Buckets no training row touches get weight 0 at the optimum (only the penalty acts on them), so the
  // fit runs over the used buckets only: a smaller, cache-friendlier parameter vector.
  const { data, usedBuckets } = compactColumns(rowsByBucket, buckets);
  const nWeights = usedBuckets.length * classes;
  const rowWeight = options.rowWeights ?? new Float64Array(data.rows).fill(1);
  const totalWeight = rowWeight.reduce((a, b) => a + b, 0);
  const logits = new Float64Array(classes);
  // Hot loop: typed arrays in locals so V8 keeps them in registers across the sweep.
  const { rowStart, indices, values, rows } = data;
  const objective = (x: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const start = rowStart[r]!;
      const end = rowStart[r + 1]!;
      // Class-outer loops keep the inner loop free of a variable-length loop V8 would not unroll.
      for (let c = 0; c < classes; c++) {
        let z = x[nWeights + c]!;
        for (let j = start; j < end; j++) z += values[j]! * x[indices[j]! * classes + c]!;
        logits[c] = z;
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) if (logits[c]! > max) max = logits[c]!;
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        const e = Math.exp(logits[c]! - max);
        logits[c] = e;
        sum += e;
      }
      const w = rowWeight[r]! / totalWeight;
      const y = labels[r]!;
      loss -= w * Math.log(logits[y]! / sum);
      for (let c = 0; c < classes; c++) {
        const coef = w * (logits[c]! / sum - (c === y ? 1 : 0));
        logits[c] = coef; // the buffer now holds the residuals
        gradient[nWeights + c] += coef;
      }
      for (let c = 0; c < classes; c++) {
        const residual = logits[c]!;
        for (let j = start; j < end; j++) gradient[indices[j]! * classes + c] += values[j]! * residual;
      }
    }
    let penalty = 0;
    for (let i = 0; i < nWeights; i++) {
      const xi = x[i]!;
      penalty += xi * xi;
      gradient[i] += l2 * xi;
    }
    return loss + 0.5 * l2 * penalty;
  };
  const result = minimizeLbfgs(objective, new Float64Array(nWeights + classes), {
    maxIterations: options.maxIterations,
    gradientTolerance: 1e-6,
    relativeTolerance: 1e-10,
    history: 10,
  });
  const { x, ...optimizer } = result;
  const weights = new Float64Array(buckets * classes);
  usedBuckets.forEach((bucket, column) => weights.set(x.subarray(column * classes, (column + 1) * classes), bucket * classes));
  return { parameters: { weights, bias: x.slice(nWeights), buckets, classes }, optimizer };
}

/** Renumbers bucket indices to 0..used-1 in ascending bucket order. */
function compactColumns(data: SparseRows, buckets: number): { data: SparseRows; usedBuckets: Int32Array } {
  const column = new Int32Array(buckets).fill(-1);
  for (let j = 0; j < data.indices.length; j++) column[data.indices[j]!] = 0;
  let used = 0;
  for (let b = 0; b < buckets; b++) if (column[b] === 0) column[b] = used++;
  const usedBuckets = new Int32Array(used);
  for (let b = 0; b < buckets; b++) if (column[b]! >= 0) usedBuckets[column[b]!] = b;
  const indices = new Int32Array(data.indices.length);
  for (let j = 0; j < indices.length; j++) indices[j] = column[data.indices[j]!]!;
  return { data: { ...data, indices }, usedBuckets };
}

/**
 * Row weights (n / (K · n_class))^power: power 1 gives every class the same total weight ("balanced"),
 * 0.5 goes half-way ("sqrt-balanced"), 0 weights every row 1.
 */
export function balancedRowWeights(labels: Int32Array, classes: number, power = 1): Float64Array {
  const counts = new Float64Array(classes);
  for (const y of labels) counts[y]!++;
  return Float64Array.from(labels, (y) => (labels.length / (classes * counts[y]!)) ** power);
}

export type ClassWeighting = 'balanced' | 'sqrt-balanced' | 'none';

export const CLASS_WEIGHT_POWER: Record<ClassWeighting, number> = { balanced: 1, 'sqrt-balanced': 0.5, none: 0 };
