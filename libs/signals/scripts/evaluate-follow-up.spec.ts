import fs from 'node:fs';
import path from 'node:path';
import { FOLLOW_UP_LABELS } from '../src/follow-up/follow-up-label';
import { buildEvalRows, readLabels, DATA_DIR } from './build-follow-up-eval';
import { evaluateRephrase, evaluateRules, readEvalRows, score } from './evaluate-follow-up';
import { readHumanFollowUps } from './hh-rlhf-follow-ups';
import { DATASET_DIR, sampleFollowUps } from './sample-follow-ups';

const haveData = fs.existsSync(DATASET_DIR);
const rows = readEvalRows();

describe('follow-up evaluation set (data/followup-eval.jsonl)', () => {
  it('holds the 600 hand-labelled turns, every label known, both strata and splits present', () => {
    expect(rows).toHaveLength(600);
    expect(rows.every((r) => (FOLLOW_UP_LABELS as readonly string[]).includes(r.label))).toBe(true);
    expect(new Set(rows.map((r) => `${r.stratum}/${r.split}`))).toEqual(new Set(['A/dev', 'A/test', 'B/dev', 'B/test']));
    expect(new Set(rows.map((r) => r.source_line)).size).toBe(600);
  });

  it('agrees with the trainer files, which hold the same rows as {text, label}', () => {
    for (const split of ['dev', 'test'] as const) {
      const trainer = fs.readFileSync(path.join(DATA_DIR, `followup-${split}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(trainer).toEqual(rows.filter((r) => r.split === split).map(({ text, label }) => ({ text, label })));
    }
  });

  (haveData ? it : it.skip)('is reproducible: the sample drawn from hh-rlhf plus the committed labels rebuild it exactly', () => {
    const rebuilt = buildEvalRows(sampleFollowUps(readHumanFollowUps(DATASET_DIR), 300), readLabels(path.join(DATA_DIR, 'followup-labels.tsv')));
    expect(rebuilt).toEqual(rows);
  });
  if (!haveData) it('needs ../shared/datasets/hh-rlhf to re-draw the sample (skipped)', () => undefined);
});

describe('follow-up rules on the held-out test split', () => {
  const test = rows.filter((r) => r.split === 'test');

  it('are precise where they fire (rules are the high-precision half of the classifier)', () => {
    const scores = evaluateRules(test);
    for (const label of ['complaint', 'gratitude', 'clarification'] as const) expect(scores[label].precision).toBeGreaterThanOrEqual(0.85);
    expect(scores.gratitude.recall).toBeGreaterThanOrEqual(0.6);
  });

  it('scores one-vs-rest precision and recall correctly', () => {
    expect(score([{ actual: true, predicted: true }, { actual: false, predicted: true }, { actual: true, predicted: false }, { actual: false, predicted: false }])).toEqual({ support: 2, predicted: 2, truePositives: 1, precision: 0.5, recall: 0.5 });
    expect(score([{ actual: false, predicted: false }])).toMatchObject({ precision: null, recall: null });
  });

  it('finds rephrases better than chance at the shipped threshold', () => {
    const base = test.filter((r) => r.rephrase).length / test.length;
    expect(evaluateRephrase(test, 0.5).precision!).toBeGreaterThan(2 * base);
  });
});
