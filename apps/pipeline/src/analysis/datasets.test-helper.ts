import fs from 'node:fs';
import path from 'node:path';

/** Test support: ../shared/datasets beside the repository (four levels above apps/pipeline/src/analysis). */
export const DATASETS_DIR = process.env['PREFSTREAM_DATASETS_DIR'] ?? path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'datasets');

/** describe() when the real datasets are there; otherwise one skipped test that says why. */
export function describeWithDatasets(name: string, body: () => void): void {
  if (fs.existsSync(DATASETS_DIR)) describe(name, body);
  else describe(name, () => it.skip(`skipped: real datasets not found at ${DATASETS_DIR}`, () => undefined));
}
