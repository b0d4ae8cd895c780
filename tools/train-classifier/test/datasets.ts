import fs from 'node:fs';
import { datasetsDir } from '../src/datasets/training-row';

/** describe() when the real datasets are present, otherwise a skipped block that says why. */
export function describeWithDatasets(name: string, body: () => void): void {
  if (fs.existsSync(datasetsDir())) describe(name, body);
  else describe.skip(`${name} (skipped: real datasets not found at ${datasetsDir()})`, body);
}
