// Feature extraction throughput on one core for ~1 KB responses (bar: >= 100,000 responses/s).
//   node bin/run-ts.js libs/features/bench/features.bench.ts [--seconds 2]
// Responses are 1,024-character slices of the real XSTest completions when ../shared/datasets is there
// (prose, lists, bold, code), a synthetic mix otherwise. Also reports where the time goes: the scan
// (one pass: tokens, markdown, phrases) against computing every registered feature from it.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FEATURES, responseFeatures, scanForFeatures, turnFeatures, type FeatureContext } from '../src';
import { parseCsv } from '../test/helpers/csv';

export interface FeaturesBenchResult {
  name: string;
  opsPerSec: number;
  meanChars: number;
  corpus: string;
  /** responseFeatures + promptFeatures of a short prompt (turnFeatures). */
  turnOpsPerSec: number;
  /** scanText alone. */
  scanOpsPerSec: number;
  /** Baseline: a bare loop reading each character through a table (how fast this machine is right now). */
  bareLoopOpsPerSec: number;
  /** Nanoseconds per response spent in each feature's compute (from a ready scan), largest first. */
  computeNsPerFeature: Record<string, number>;
  target: string;
}

const DATASETS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
const SLICE = 1024;

function corpus(): { texts: string[]; name: string } {
  const file = path.join(DATASETS, 'xstest', 'completions_mistralinstruct.csv');
  if (fs.existsSync(file)) {
    const files = ['llama2orig', 'llama2new', 'mistralinstruct'].map((m) => path.join(DATASETS, 'xstest', `completions_${m}.csv`));
    const all = files
      .map((f) => {
        const rows = parseCsv(fs.readFileSync(f, 'utf8'));
        const c = rows[0].indexOf('completion');
        return rows.slice(1).map((r) => r[c] ?? '').join('\n\n');
      })
      .join('\n\n');
    const texts: string[] = [];
    // Copied flat: a slice of one big string is a V8 sliced string, one indirection per read; texts
    // decoded from JSON events (the pipeline's case) are flat.
    for (let at = 0; at + SLICE <= all.length; at += SLICE) texts.push(JSON.parse(JSON.stringify(all.slice(at, at + SLICE))) as string);
    return { texts, name: `xstest completions, ${texts.length} slices of ${SLICE} chars` };
  }
  const parts = [
    'Great question! Here is how you can do it:\n\n', '## Steps\n', '1. Open the **settings** page.\n', '- Click `Save` and wait.\n',
    "I think this might work, but I'm not sure 😊. ", 'See https://example.com/docs for more. ', '```python\nprint("hello")\n```\n',
    'As an AI, I cannot browse the web. Sorry about that! ', 'The quick brown fox jumps over the lazy dog. ',
  ];
  const texts: string[] = [];
  for (let k = 0; k < 2000; k++) {
    let t = '';
    for (let j = k; t.length < SLICE; j += 3) t += parts[j % parts.length];
    texts.push(t.slice(0, SLICE));
  }
  return { texts, name: `synthetic, ${texts.length} texts of ${SLICE} chars` };
}

/**
 * Operations per second of this process's CPU time (user + system), the best of several rounds: the
 * machine is shared, and wall time would charge other processes' work to this one.
 */
function rate(texts: string[], seconds: number, run: (t: string) => unknown): number {
  let sink = 0;
  for (let w = 0; w < 3; w++) for (const t of texts) sink += run(t) ? 1 : 0; // warm-up
  let best = 0;
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    let done = 0;
    const start = process.cpuUsage();
    let cpu = 0;
    while (cpu < seconds / rounds) {
      for (const t of texts) sink += run(t) ? 1 : 0;
      done += texts.length;
      const used = process.cpuUsage(start);
      cpu = (used.user + used.system) / 1e6;
    }
    best = Math.max(best, done / cpu);
  }
  if (sink < 0) console.log(sink);
  return Math.round(best);
}

/** What one core does here per second reading every character of the same texts through a lookup table: the floor any scan stands on. */
function bareLoopRate(texts: string[], seconds: number): number {
  const table = new Uint8Array(65536).fill(1);
  return rate(texts, seconds, (t) => {
    let sum = 0;
    for (let i = 0; i < t.length; i++) sum += table[t.charCodeAt(i)];
    return sum;
  });
}

export async function runFeaturesBench(options: { seconds?: number } = {}): Promise<FeaturesBenchResult> {
  const seconds = options.seconds ?? 2;
  const { texts, name } = corpus();
  const prompt = 'How do I reverse a list in Python without changing the original?';
  const opsPerSec = rate(texts, seconds, (t) => responseFeatures(t));
  const turnOpsPerSec = rate(texts, seconds, (t) => turnFeatures(prompt, t));
  const scanOpsPerSec = rate(texts, seconds, (t) => scanForFeatures(t));
  const bareLoopOpsPerSec = bareLoopRate(texts, seconds);

  const contexts: FeatureContext[] = texts.map((t) => ({ response: scanForFeatures(t), prompt: scanForFeatures(prompt) }));
  const computeNsPerFeature: Record<string, number> = {};
  for (const f of FEATURES) {
    const rounds = 20;
    const start = process.cpuUsage();
    for (let r = 0; r < rounds; r++) for (const c of contexts) f.compute(c);
    const used = process.cpuUsage(start);
    computeNsPerFeature[f.name] = Math.round(((used.user + used.system) * 1000) / (rounds * contexts.length));
  }
  const sorted = Object.fromEntries(Object.entries(computeNsPerFeature).sort((a, b) => b[1] - a[1]));
  return {
    name: 'features',
    opsPerSec,
    meanChars: texts.reduce((n, t) => n + t.length, 0) / texts.length,
    corpus: name,
    turnOpsPerSec,
    scanOpsPerSec,
    bareLoopOpsPerSec,
    computeNsPerFeature: sorted,
    target: '>= 100,000 responses/s on one core for 1 KB responses',
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { seconds: { type: 'string' } } });
  runFeaturesBench({ seconds: values.seconds ? Number(values.seconds) : undefined }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
