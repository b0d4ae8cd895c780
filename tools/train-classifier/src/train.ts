import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HashedNgramFeaturizer, modelManifestSchema, type ModelManifestInput } from '@prefstream/models';
import type { TrainingRow } from './datasets/training-row';
import { stratifiedFolds } from './folds';
import type { DataOptions, ModelSpec } from './model-specs';
import { buildLinearModelOnnx, DEFAULT_TENSOR_NAMES } from './onnx/linear-model-graph';
import { balancedRowWeights, CLASS_WEIGHT_POWER, fitSoftmaxRegression, type SoftmaxRegressionFit } from './optim/softmax-regression';
import { toSparseRows } from './optim/sparse-rows';

export interface TrainOptions extends DataOptions {
  /** Keep fold `fold` of `folds` (stratified, seeded) out of training; null trains on every row. */
  holdout: { folds: number; fold: number } | null;
  seed: number;
  outDir: string;
  /** Overrides the spec's L2 penalty. */
  l2?: number;
  /** The command line, recorded in the manifest. */
  command: string;
}

export interface TrainResult {
  manifestPath: string;
  modelPath: string;
  labels: string[];
  trainRows: number;
  heldOutRows: TrainingRow[];
  fit: SoftmaxRegressionFit['optimizer'];
  modelBytes: number;
}

function splitRows(rows: TrainingRow[], options: TrainOptions): { train: TrainingRow[]; heldOut: TrainingRow[] } {
  if (!options.holdout) return { train: rows, heldOut: [] };
  const { folds, fold } = options.holdout;
  if (!(folds >= 2 && fold >= 0 && fold < folds)) throw new Error(`holdout fold ${fold} of ${folds} is not valid`);
  const assignment = stratifiedFolds(rows, folds, options.seed);
  return { train: rows.filter((_, i) => assignment[i] !== fold), heldOut: rows.filter((_, i) => assignment[i] === fold) };
}

/** Loads a model's data, fits it, and writes model.onnx + manifest.json (+ heldout.json) to outDir. */
export function trainClassifier(spec: ModelSpec, options: TrainOptions): TrainResult {
  const data = spec.load(options);
  const labels = spec.labels ? [...spec.labels] : [...new Set(data.rows.map((r) => r.label))].sort();
  const classOf = new Map(labels.map((l, i) => [l, i]));
  const stray = data.rows.find((r) => !classOf.has(r.label));
  if (stray) throw new Error(`row ${stray.id} has label "${stray.label}", not one of ${labels.join(', ')}`);
  if (labels.length < 2) throw new Error(`need at least two labels, found ${labels.join(', ')}`);

  const { train, heldOut } = splitRows(data.rows, options);
  const featurizer = new HashedNgramFeaturizer(spec.preprocessing);
  const matrix = toSparseRows(train.map((r) => featurizer.featurize(r.text)));
  const y = Int32Array.from(train, (r) => classOf.get(r.label)!);
  const l2 = options.l2 ?? spec.l2;
  const fit = fitSoftmaxRegression(matrix, y, {
    buckets: spec.preprocessing.buckets,
    classes: labels.length,
    l2,
    rowWeights: balancedRowWeights(y, labels.length, CLASS_WEIGHT_POWER[spec.classWeight]),
    maxIterations: spec.maxIterations,
  });

  const onnxBytes = buildLinearModelOnnx(fit.parameters, { name: spec.name, version: spec.version, labels: labels.join(',') });
  fs.mkdirSync(options.outDir, { recursive: true });
  const modelPath = path.join(options.outDir, 'model.onnx');
  fs.writeFileSync(modelPath, onnxBytes);

  const labelCounts = Object.fromEntries(labels.map((l) => [l, train.filter((r) => r.label === l).length]));
  const manifest: ModelManifestInput = {
    schemaVersion: 1,
    name: spec.name,
    version: spec.version,
    description: spec.description,
    appliesTo: spec.appliesTo,
    file: 'model.onnx',
    sha256: createHash('sha256').update(onnxBytes).digest('hex'),
    inputs: {
      indices: { name: DEFAULT_TENSOR_NAMES.indices, dtype: 'int64', shape: ['batch', 'features'] },
      weights: { name: DEFAULT_TENSOR_NAMES.weights, dtype: 'float32', shape: ['batch', 'features'] },
    },
    outputs: { probabilities: { name: DEFAULT_TENSOR_NAMES.probabilities, dtype: 'float32', shape: ['batch', labels.length] } },
    labels,
    derivedScores: spec.derivedScores ?? {},
    preprocessing: spec.preprocessing,
    training: {
      algorithm: 'multinomial logistic regression, L2 on weights (not bias), exact optimum by L-BFGS',
      seed: options.seed,
      data: data.sources,
      rows: train.length,
      labelCounts,
      hyperparameters: {
        l2,
        classWeight: spec.classWeight,
        maxIterations: spec.maxIterations,
        iterations: fit.optimizer.iterations,
        stopReason: fit.optimizer.stopReason,
        ...(spec.selection ? { selection: spec.selection } : {}),
      },
      command: options.command,
    },
  };
  if (options.holdout) {
    const { folds, fold } = options.holdout;
    const description = `fold ${fold} of ${folds} stratified folds (seed ${options.seed}) kept out of training`;
    fs.writeFileSync(path.join(options.outDir, 'heldout.json'), JSON.stringify({ description, ids: heldOut.map((r) => r.id) }) + '\n');
    manifest.training!.heldOut = { description, file: 'heldout.json', rows: heldOut.length };
  }
  modelManifestSchema.parse(manifest); // never write a manifest the loader would reject
  const manifestPath = path.join(options.outDir, 'manifest.json');
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { manifestPath, modelPath, labels, trainRows: train.length, heldOutRows: heldOut, fit: fit.optimizer, modelBytes: onnxBytes.length };
}
