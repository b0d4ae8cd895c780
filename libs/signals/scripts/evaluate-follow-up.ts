// Precision and recall of the follow-up rules per class on the hand-labelled hh-rlhf turns
// (data/followup-eval.jsonl), and of the rephrase measure against the rephrase flag.
//   node bin/run-ts.js libs/signals/scripts/evaluate-follow-up.ts [--split test|dev|all]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { classifyFollowUp } from '../src/follow-up/classify-follow-up';
import { FOLLOW_UP_LABELS, type FollowUpLabel } from '../src/follow-up/follow-up-label';
import { promptSimilarity, promptSketch } from '../src/text/prompt-sketch';
import type { EvalRow } from './build-follow-up-eval';

export const EVAL_FILE = path.join(__dirname, '..', 'data', 'followup-eval.jsonl');

export interface ClassScore {
  support: number;
  predicted: number;
  truePositives: number;
  /** null when nothing was predicted (precision undefined) or nothing is in the class (recall undefined). */
  precision: number | null;
  recall: number | null;
}

export const readEvalRows = (file = EVAL_FILE): EvalRow[] =>
  fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalRow);

export function score(pairs: readonly { actual: boolean; predicted: boolean }[]): ClassScore {
  const support = pairs.filter((p) => p.actual).length;
  const predicted = pairs.filter((p) => p.predicted).length;
  const truePositives = pairs.filter((p) => p.actual && p.predicted).length;
  return { support, predicted, truePositives, precision: predicted ? truePositives / predicted : null, recall: support ? truePositives / support : null };
}

/** Per-class scores of the rules alone (no model), one-vs-rest, on the given rows. */
export function evaluateRules(rows: readonly EvalRow[]): Record<Exclude<FollowUpLabel, 'none'>, ClassScore> {
  const predictions = rows.map((r) => classifyFollowUp(r.text).label);
  const out = {} as Record<Exclude<FollowUpLabel, 'none'>, ClassScore>;
  for (const label of FOLLOW_UP_LABELS) {
    if (label === 'none') continue;
    out[label] = score(rows.map((r, i) => ({ actual: r.label === label, predicted: predictions[i] === label })));
  }
  return out;
}

/** The rephrase measure at a threshold: similarity of the turn's content words to the previous prompt's. */
export function evaluateRephrase(rows: readonly EvalRow[], threshold: number): ClassScore {
  return score(rows.map((r) => ({ actual: r.rephrase, predicted: promptSimilarity(promptSketch(r.text), promptSketch(r.previous_prompt)) >= threshold })));
}

if (require.main === module) {
  const { values } = parseArgs({ options: { split: { type: 'string', default: 'test' }, threshold: { type: 'string', default: '0.3' } } });
  const rows = readEvalRows().filter((r) => values.split === 'all' || r.split === values.split);
  const fmt = (s: ClassScore) => ({ ...s, precision: s.precision === null ? null : +s.precision.toFixed(3), recall: s.recall === null ? null : +s.recall.toFixed(3) });
  const rules = Object.fromEntries(Object.entries(evaluateRules(rows)).map(([k, v]) => [k, fmt(v)]));
  console.log(JSON.stringify({ split: values.split, rows: rows.length, rules, rephrase: { threshold: Number(values.threshold), ...fmt(evaluateRephrase(rows, Number(values.threshold))) } }, null, 2));
}
