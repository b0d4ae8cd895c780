// Joins the hand labels (data/followup-labels.tsv) with the deterministic sample they were made on and
// writes the evaluation set and the trainer's {text,label} files:
//   data/followup-eval.jsonl   {text, label, rephrase, previous_prompt, source_line, stratum, split}
//   data/followup-dev.jsonl    {text, label}  dev split, for training a model (tools/train-classifier --data)
//   data/followup-test.jsonl   {text, label}  test split, held out for the figures in docs/signals.md
//   node bin/run-ts.js libs/signals/scripts/build-follow-up-eval.ts
import fs from 'node:fs';
import path from 'node:path';
import { FOLLOW_UP_LABELS, type FollowUpLabel } from '../src/follow-up/follow-up-label';
import { readHumanFollowUps } from './hh-rlhf-follow-ups';
import { DATASET_DIR, sampleFollowUps, type Candidate } from './sample-follow-ups';

export const DATA_DIR = path.join(__dirname, '..', 'data');

export interface EvalRow {
  text: string;
  label: FollowUpLabel;
  rephrase: boolean;
  previous_prompt: string;
  source_line: string;
  stratum: Candidate['stratum'];
  split: Candidate['split'];
}

export function readLabels(file: string): Map<string, { label: FollowUpLabel; rephrase: boolean }> {
  const labels = new Map<string, { label: FollowUpLabel; rephrase: boolean }>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [sourceLine, label, rephrase] = line.split('\t');
    if (!(FOLLOW_UP_LABELS as readonly string[]).includes(label)) throw new Error(`unknown label "${label}" for ${sourceLine}`);
    labels.set(sourceLine, { label: label as FollowUpLabel, rephrase: rephrase === '1' });
  }
  return labels;
}

export function buildEvalRows(candidates: readonly Candidate[], labels: Map<string, { label: FollowUpLabel; rephrase: boolean }>): EvalRow[] {
  if (labels.size !== candidates.length) throw new Error(`${labels.size} labels for ${candidates.length} sampled turns`);
  return candidates.map((c) => {
    const labelled = labels.get(c.source_line);
    if (!labelled) throw new Error(`no label for ${c.source_line}`);
    return { text: c.text, label: labelled.label, rephrase: labelled.rephrase, previous_prompt: c.previous_human, source_line: c.source_line, stratum: c.stratum, split: c.split };
  });
}

const jsonl = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

if (require.main === module) {
  const rows = buildEvalRows(sampleFollowUps(readHumanFollowUps(DATASET_DIR), 300), readLabels(path.join(DATA_DIR, 'followup-labels.tsv')));
  fs.writeFileSync(path.join(DATA_DIR, 'followup-eval.jsonl'), jsonl(rows));
  for (const split of ['dev', 'test'] as const) {
    fs.writeFileSync(path.join(DATA_DIR, `followup-${split}.jsonl`), jsonl(rows.filter((r) => r.split === split).map(({ text, label }) => ({ text, label }))));
  }
  process.stderr.write(`${rows.length} labelled rows written to ${DATA_DIR}\n`);
}
