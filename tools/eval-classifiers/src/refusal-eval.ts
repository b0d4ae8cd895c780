import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsvObjects } from '@prefstream/models';
import { classificationReport, groupRecall, type ClassificationReport } from './metrics';
import { datasetsDir } from './paths';
import { predict } from './predict';
import { trainerCommand, trainWithCli } from './trainer-process';

export const XSTEST_MODELS = ['llama2orig', 'llama2new', 'mistralinstruct'] as const;
export const REFUSAL_LABELS = ['full_compliance', 'full_refusal', 'partial_refusal'];
const REFUSAL = new Set(['full_refusal', 'partial_refusal']);

export interface RefusalScores extends ClassificationReport {
  /** Gold full or partial refusals predicted as either kind of refusal. */
  refusalRecall: number;
}

export interface RefusalRotation {
  test: string;
  train: string[];
  trainCommand: string;
  model: RefusalScores;
  baseline: RefusalScores;
  beatsBaseline: { macroF1: boolean; refusalRecall: boolean };
}

const stripNumber = (label: string) => label.replace(/^\d+_/, '');

/** The held-out model's rows: completion, human label and the authors' string-match label. */
export function readStrmatchRows(model: string): { text: string; gold: string; strmatch: string }[] {
  const file = path.join(datasetsDir(), 'xstest', `strmatch_baseline_${model}.csv`);
  return parseCsvObjects(fs.readFileSync(file, 'utf8')).map((r) => ({ text: r['completion']!, gold: stripNumber(r['final_label']!), strmatch: stripNumber(r['strmatch_label']!) }));
}

export function refusalScores(gold: string[], predicted: string[]): RefusalScores {
  return { ...classificationReport(REFUSAL_LABELS, gold, predicted), refusalRecall: groupRecall(REFUSAL, gold, predicted) };
}

export function rotationTrainArgs(test: string): string[] {
  return ['--model', 'refusal', '--sources', XSTEST_MODELS.filter((m) => m !== test).join(',')];
}

/** Trains on two models' completions (trainer CLI), tests on the third through the ONNX worker. */
export async function evaluateRotation(test: string, workDir: string): Promise<RefusalRotation> {
  const args = rotationTrainArgs(test);
  const manifest = await trainWithCli(args, path.join(workDir, `refusal-test-${test}`));
  const rows = readStrmatchRows(test);
  const predicted = (await predict(manifest, rows.map((r) => r.text))).map((c) => c.label);
  const gold = rows.map((r) => r.gold);
  const model = refusalScores(gold, predicted);
  const baseline = refusalScores(gold, rows.map((r) => r.strmatch));
  return {
    test,
    train: XSTEST_MODELS.filter((m) => m !== test),
    trainCommand: trainerCommand(args),
    model,
    baseline,
    beatsBaseline: { macroF1: model.macroF1 > baseline.macroF1, refusalRecall: model.refusalRecall > baseline.refusalRecall },
  };
}

export async function evaluateRefusal(workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-refusal-'))) {
  const rotations: RefusalRotation[] = [];
  for (const test of XSTEST_MODELS) rotations.push(await evaluateRotation(test, workDir));
  return {
    protocol: 'train on two XSTest models’ hand-labelled completions, test on the third (450 rows); baseline = the XSTest authors’ string match (strmatch_label), which never predicts partial_refusal',
    rotations,
    shipped: 'models/refusal is then trained on all three (1,350 rows); its in-sample scores are not reported',
  };
}
