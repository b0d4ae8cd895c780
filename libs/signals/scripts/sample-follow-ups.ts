// Deterministic sample of hh-rlhf follow-up turns for hand labelling (see docs/signals.md, "Follow-up
// evaluation set"). Two strata, chosen by length only so the rules under evaluation play no part:
// A = uniform over all 2nd+ Human turns; B = uniform over turns of at most 60 characters, where
// reactions to the previous answer concentrate. Each row goes to the dev or test split by a hash of
// its source_line.
//   node bin/run-ts.js libs/signals/scripts/sample-follow-ups.ts [--per-stratum 300] > candidates.jsonl
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hash32 } from '../src/text/hash';
import { readHumanFollowUps, type HumanFollowUp } from './hh-rlhf-follow-ups';

export const DATASET_DIR = path.join(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'hh-rlhf');
export const SHORT_TURN_MAX_CHARS = 60;

export interface Candidate extends HumanFollowUp {
  stratum: 'A' | 'B';
  split: 'dev' | 'test';
}

export const splitOf = (sourceLine: string): 'dev' | 'test' => (hash32(sourceLine) % 2 === 0 ? 'dev' : 'test');

/** Seeded Fisher-Yates with mulberry32 (same seed, same order on every machine). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function sampleFollowUps(all: readonly HumanFollowUp[], perStratum: number, seed = 20261122): Candidate[] {
  // The same message in two transcripts counts once (the first occurrence).
  const seen = new Set<string>();
  const unique = all.filter((f) => !seen.has(f.text) && seen.add(f.text));
  const a = shuffled(unique, seed).slice(0, perStratum);
  const taken = new Set(a.map((f) => f.source_line));
  const b = shuffled(unique.filter((f) => f.text.length <= SHORT_TURN_MAX_CHARS && !taken.has(f.source_line)), seed + 1).slice(0, perStratum);
  return [
    ...a.map((f) => ({ ...f, stratum: 'A' as const, split: splitOf(f.source_line) })),
    ...b.map((f) => ({ ...f, stratum: 'B' as const, split: splitOf(f.source_line) })),
  ];
}

if (require.main === module) {
  const { values } = parseArgs({ options: { 'per-stratum': { type: 'string', default: '300' } } });
  const all = readHumanFollowUps(DATASET_DIR);
  for (const c of sampleFollowUps(all, Number(values['per-stratum']))) process.stdout.write(JSON.stringify(c) + '\n');
  process.stderr.write(`${all.length} follow-up turns read\n`);
}
