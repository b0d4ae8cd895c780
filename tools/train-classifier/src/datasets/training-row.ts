import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One labelled text; ids are unique across every source a model is trained on. */
export interface TrainingRow {
  id: string;
  text: string;
  label: string;
}

/** A file the rows came from, recorded in the manifest (path relative to the repo root). */
export interface DataSource {
  path: string;
  sha256: string;
  rows: number;
  note?: string;
}

export interface LoadedData {
  rows: TrainingRow[];
  sources: DataSource[];
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The shared real datasets: ../shared/datasets next to the repo, or $PREFSTREAM_DATASETS_DIR. */
export function datasetsDir(): string {
  return process.env['PREFSTREAM_DATASETS_DIR'] ?? path.resolve(REPO_ROOT, '..', 'shared', 'datasets');
}

export function readSource(file: string, note?: string): { text: string; source: Omit<DataSource, 'rows'> } {
  const bytes = fs.readFileSync(file);
  const relative = path.relative(REPO_ROOT, file).split(path.sep).join('/');
  const source: Omit<DataSource, 'rows'> = { path: relative, sha256: createHash('sha256').update(bytes).digest('hex') };
  if (note) source.note = note;
  return { text: bytes.toString('utf8'), source };
}
