import fs from 'node:fs';
import path from 'node:path';

/** ../shared/datasets relative to the repo root (libs/stats/test -> three levels up). */
export const DATASETS_DIR = process.env['PREFSTREAM_DATASETS_DIR'] ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
export const haveDatasets = fs.existsSync(DATASETS_DIR);

/** describe() when the datasets are there; otherwise one skipped test that says why. */
export function describeWithDatasets(name: string, body: () => void): void {
  if (haveDatasets) describe(name, body);
  else describe(name, () => it.skip(`skipped: real datasets not found at ${DATASETS_DIR}`, () => undefined));
}

export interface ArenaBattle {
  model_a: string;
  model_b: string;
  winner: 'model_a' | 'model_b' | 'tie' | 'tie (bothbad)';
  judge: string;
  anony: boolean;
  tstamp: number;
}

export function readArenaBattles(): ArenaBattle[] {
  return JSON.parse(fs.readFileSync(path.join(DATASETS_DIR, 'genai-arena', 'clean_battle_20240220.json'), 'utf8')) as ArenaBattle[];
}

/** Published ratings by model: { anony, full }. The file has no quoted fields. */
export function readArenaLeaderboard(): Map<string, { anony: number; full: number }> {
  const [header, ...lines] = fs.readFileSync(path.join(DATASETS_DIR, 'genai-arena', 'leaderboard_20240220.csv'), 'utf8').trim().split('\n');
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  const out = new Map<string, { anony: number; full: number }>();
  for (const line of lines) {
    const cells = line.split(',');
    out.set(cells[at('key')], { anony: Number(cells[at('Arena Elo rating (anony)')]), full: Number(cells[at('Arena Elo rating (full)')]) });
  }
  return out;
}

export const arenaWinner = (w: ArenaBattle['winner']): 'a' | 'b' | 'tie' | 'both_bad' => (w === 'model_a' ? 'a' : w === 'model_b' ? 'b' : w === 'tie' ? 'tie' : 'both_bad');
