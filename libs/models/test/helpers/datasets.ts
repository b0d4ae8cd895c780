import fs from 'node:fs';
import path from 'node:path';
import { parseCsvObjects } from '../../src';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const DATASETS_DIR = process.env['PREFSTREAM_DATASETS_DIR'] ?? path.resolve(REPO_ROOT, '..', 'shared', 'datasets');
export const MODELS_DIR = path.join(REPO_ROOT, 'models');

/**
 * describe() when ../shared/datasets is present; otherwise one skipped test that says why (the body,
 * which may read the data while declaring its tests, is not run).
 */
export function describeWithDatasets(name: string, body: () => void): void {
  if (fs.existsSync(DATASETS_DIR)) describe(name, body);
  else describe(name, () => it.skip(`skipped: real datasets not found at ${DATASETS_DIR}`, () => undefined));
}

export function readCsv(relative: string): Record<string, string>[] {
  return parseCsvObjects(fs.readFileSync(path.join(DATASETS_DIR, relative), 'utf8'));
}

/** Real texts for each shipped model: what it is meant to read. */
export function realTexts(model: string, limit: number): string[] {
  const rows =
    model === 'refusal'
      ? readCsv('xstest/completions_mistralinstruct.csv').map((r) => r['completion']!)
      : model === 'toxicity'
        ? readCsv('davidson/labeled_data.csv').map((r) => r['tweet']!)
        : readCsv('xstest/prompts.csv').map((r) => r['prompt']!);
  // Spread over the file rather than its first rows (the files are sorted by type or text).
  const step = Math.max(1, Math.floor(rows.length / limit));
  return rows.filter((_, i) => i % step === 0).slice(0, limit);
}
