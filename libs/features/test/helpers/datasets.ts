import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseCsv } from './csv';

/** ../shared/datasets relative to the repo root (libs/features/test/helpers -> 4 levels up). */
export const DATASETS_DIR = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'datasets');
export const datasetsPresent = (): boolean => fs.existsSync(DATASETS_DIR);
export const SKIP_MESSAGE = `real-data checks skipped: ${DATASETS_DIR} is absent (CI and the dev machine have it)`;

/** Model responses with markdown (XSTest v2 completions, 3 x 450). */
export function xstestCompletions(): string[] {
  const out: string[] = [];
  for (const model of ['llama2orig', 'llama2new', 'mistralinstruct']) {
    const rows = parseCsv(fs.readFileSync(path.join(DATASETS_DIR, 'xstest', `completions_${model}.csv`), 'utf8'));
    const column = rows[0].indexOf('completion');
    for (const row of rows.slice(1)) if (row[column] !== undefined) out.push(row[column]);
  }
  return out;
}

/** XSTest prompts (450). */
export function xstestPrompts(): string[] {
  const rows = parseCsv(fs.readFileSync(path.join(DATASETS_DIR, 'xstest', 'prompts.csv'), 'utf8'));
  const column = rows[0].indexOf('prompt');
  return rows.slice(1).map((row) => row[column]).filter((p): p is string => p !== undefined);
}

/** Both completions of every Copilot Arena battle (code, 2 x 113). */
export function copilotCompletions(): string[] {
  const rows = parseCsv(fs.readFileSync(path.join(DATASETS_DIR, 'copilot-arena', 'examples_v1.csv'), 'utf8'));
  const a = rows[0].indexOf('completion_a');
  const b = rows[0].indexOf('completion_b');
  return rows.slice(1).flatMap((row) => [row[a], row[b]]).filter((t): t is string => t !== undefined);
}

/** The last Assistant turn of every chosen and rejected transcript of an hh-rlhf split. */
export function hhRlhfResponses(split: 'helpful-base' | 'harmless-base'): string[] {
  const lines = zlib.gunzipSync(fs.readFileSync(path.join(DATASETS_DIR, 'hh-rlhf', `${split}.test.jsonl.gz`))).toString('utf8').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { chosen: string; rejected: string };
    for (const transcript of [row.chosen, row.rejected]) {
      const at = transcript.lastIndexOf('\n\nAssistant:');
      if (at >= 0) out.push(transcript.slice(at + '\n\nAssistant:'.length).trim());
    }
  }
  return out;
}
