import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The shared real datasets: ../shared/datasets next to the repo, or $PREFSTREAM_DATASETS_DIR. */
export function datasetsDir(): string {
  return process.env['PREFSTREAM_DATASETS_DIR'] ?? path.resolve(REPO_ROOT, '..', 'shared', 'datasets');
}

export const SHIPPED_MODELS_DIR = path.join(REPO_ROOT, 'models');
export const EVAL_JSON = path.join(REPO_ROOT, 'docs', 'classifiers.eval.json');
