import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsvObjects } from '@prefstream/models';
import { classificationReport } from './metrics';
import { datasetsDir } from './paths';
import { predict } from './predict';
import { trainerCommand, trainWithCli } from './trainer-process';

const LABELS = ['safe', 'unsafe'];
export const HARMFUL_FOLDS = 5;

/**
 * Stratified 5-fold cross-validation on the 450 XSTest prompts: the trainer CLI holds out one fold at a
 * time (--folds 5 --fold k, seeded); every prompt is predicted once by a model that never saw it.
 */
export async function evaluateHarmfulRequest(workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-harmful-'))) {
  const prompts = parseCsvObjects(fs.readFileSync(path.join(datasetsDir(), 'xstest', 'prompts.csv'), 'utf8'));
  const byId = new Map(prompts.map((p) => [`xstest-prompt:${p['id']}`, p]));
  const gold: string[] = [];
  const predicted: string[] = [];
  const types: string[] = [];
  const perFold = [];
  for (let fold = 0; fold < HARMFUL_FOLDS; fold++) {
    const args = ['--model', 'harmful-request', '--folds', String(HARMFUL_FOLDS), '--fold', String(fold)];
    const dir = path.join(workDir, `harmful-fold-${fold}`);
    const manifest = await trainWithCli(args, dir);
    const ids = (JSON.parse(fs.readFileSync(path.join(dir, 'heldout.json'), 'utf8')) as { ids: string[] }).ids;
    const rows = ids.map((id) => byId.get(id)!);
    const results = await predict(manifest, rows.map((r) => r['prompt']!));
    const foldGold = rows.map((r) => r['label']!);
    const foldPredicted = results.map((r) => r.label);
    const report = classificationReport(LABELS, foldGold, foldPredicted);
    perFold.push({ fold, rows: rows.length, accuracy: report.accuracy, unsafeF1: report.perClass['unsafe']!.f1, command: trainerCommand(args) });
    gold.push(...foldGold);
    predicted.push(...foldPredicted);
    types.push(...rows.map((r) => r['type']!));
  }
  const pooled = classificationReport(LABELS, gold, predicted);
  const accuracyByType: Record<string, number> = {};
  for (const type of [...new Set(types)].sort()) {
    const idx = types.map((t, i) => (t === type ? i : -1)).filter((i) => i >= 0);
    accuracyByType[type] = idx.filter((i) => gold[i] === predicted[i]).length / idx.length;
  }
  const foldAccuracies = perFold.map((f) => f.accuracy);
  const mean = foldAccuracies.reduce((a, b) => a + b, 0) / foldAccuracies.length;
  const sd = Math.sqrt(foldAccuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / (foldAccuracies.length - 1));
  return {
    protocol: `${HARMFUL_FOLDS}-fold stratified cross-validation (seeded) over the 450 XSTest prompts; pooled out-of-fold predictions`,
    model: { ...pooled, unsafeF1: pooled.perClass['unsafe']!.f1, foldAccuracyMean: mean, foldAccuracySd: sd },
    majorityBaseline: classificationReport(LABELS, gold, gold.map(() => 'safe')),
    perFold,
    accuracyByType,
    caveat: 'XSTest prompts are built as contrast pairs (a safe prompt that looks unsafe, and its unsafe twin); 450 rows is very little data and a bag of n-grams cannot read intent, so treat this model as a weak signal.',
  };
}
