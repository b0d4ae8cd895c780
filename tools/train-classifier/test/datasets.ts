import fs from 'node:fs';
import { datasetsDir } from '../src/datasets/training-row';

/** describe() when the real datasets are present; otherwise one skipped test that says why (body not run). */
export function describeWithDatasets(name: string, body: () => void): void {
  if (fs.existsSync(datasetsDir())) describe(name, body);
  else describe(name, () => it.skip(`skipped: real datasets not found at ${datasetsDir()}`, () => undefined));
}
