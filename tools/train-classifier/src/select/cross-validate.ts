import { HashedNgramFeaturizer, type HashedNgramPreprocessing, type SparseFeatures } from '@prefstream/models';
import type { TrainingRow } from '../datasets/training-row';
import { stratifiedFolds } from '../folds';
import { balancedRowWeights, CLASS_WEIGHT_POWER, fitSoftmaxRegression, type ClassWeighting } from '../optim/softmax-regression';
import { toSparseRows } from '../optim/sparse-rows';
import type { LinearModelParameters } from '../onnx/linear-model-graph';

export interface FitSettings {
  l2: number;
  classWeight: ClassWeighting;
  maxIterations: number;
}

export interface CrossValidationPlan {
  folds: number;
  /** One stratified fold assignment per seed; every row is predicted once per seed. */
  seeds: readonly number[];
}

/** Out-of-fold class probabilities: probabilities[repeat][row][class]. */
export interface OutOfFold {
  labels: string[];
  probabilities: Float64Array[][];
}

/**
 * Class probabilities of the fitted linear model for one featurised row, in plain float64 (the same
 * formula as the ONNX graph, which runs in float32). Used only to score candidates during selection;
 * reported figures come from the written ONNX file run through libs/models.
 */
export function linearProbabilities(parameters: LinearModelParameters, features: SparseFeatures): Float64Array {
  const { weights, bias, classes } = parameters;
  const z = Float64Array.from(bias);
  for (let j = 0; j < features.indices.length; j++) {
    const base = features.indices[j]! * classes;
    for (let c = 0; c < classes; c++) z[c] += features.values[j]! * weights[base + c]!;
  }
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < classes; c++) z[c]! /= sum;
  return z;
}

/** Featurises every row once for a preprocessing block (candidates that share it reuse the result). */
export function featurizeRows(rows: readonly TrainingRow[], preprocessing: HashedNgramPreprocessing): SparseFeatures[] {
  const featurizer = new HashedNgramFeaturizer(preprocessing);
  return rows.map((r) => featurizer.featurize(r.text));
}

/**
 * K-fold cross-validation of one setting, repeated over seeds: for each seed the rows are dealt into
 * stratified folds (the trainer's own `stratifiedFolds`), and each fold is predicted by a model fitted on
 * the others exactly as `trainClassifier` fits (same objective, class weights and optimiser).
 */
export function crossValidate(
  rows: readonly TrainingRow[],
  features: readonly SparseFeatures[],
  labels: readonly string[],
  buckets: number,
  settings: FitSettings,
  plan: CrossValidationPlan,
): OutOfFold {
  const classOf = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(rows, (r) => {
    const c = classOf.get(r.label);
    if (c === undefined) throw new Error(`row ${r.id} has label "${r.label}", not one of ${labels.join(', ')}`);
    return c;
  });
  const probabilities = plan.seeds.map((seed) => {
    const assignment = stratifiedFolds(rows, plan.folds, seed);
    const out: Float64Array[] = new Array(rows.length);
    for (let fold = 0; fold < plan.folds; fold++) {
      const train: number[] = [];
      for (let i = 0; i < rows.length; i++) if (assignment[i] !== fold) train.push(i);
      const yTrain = Int32Array.from(train, (i) => y[i]!);
      const fit = fitSoftmaxRegression(toSparseRows(train.map((i) => features[i]!)), yTrain, {
        buckets,
        classes: labels.length,
        l2: settings.l2,
        rowWeights: balancedRowWeights(yTrain, labels.length, CLASS_WEIGHT_POWER[settings.classWeight]),
        maxIterations: settings.maxIterations,
      });
      for (let i = 0; i < rows.length; i++) if (assignment[i] === fold) out[i] = linearProbabilities(fit.parameters, features[i]!);
    }
    return out;
  });
  return { labels: [...labels], probabilities };
}

/** The highest-probability label of a row (ties: the first label in order). */
export function argmaxLabel(labels: readonly string[], p: ArrayLike<number>): string {
  let best = 0;
  for (let c = 1; c < labels.length; c++) if (p[c]! > p[best]!) best = c;
  return labels[best]!;
}
