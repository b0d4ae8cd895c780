import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadManifest } from '@prefstream/models';
import { DEFAULT_MODEL_THRESHOLD } from '@prefstream/signals';
import { FOLLOW_UP_DEV, FOLLOW_UP_TEST, loadFollowUps } from '../src/datasets/follow-ups';
import { REPO_ROOT } from '../src/datasets/training-row';
import { main } from '../src/main';
import { MODEL_SPECS } from '../src/model-specs';
import {
  candidatePreprocessing,
  chooseThreshold,
  crossValidateCandidate,
  FOLLOW_UP_CV,
  FOLLOW_UP_SELECTION_FILE,
  followUpCandidates,
  rulesAlone,
  scoreCandidate,
  thresholdSweep,
  type FollowUpSelection,
} from '../src/select/follow-up-selection';

const SHIPPED = path.join(REPO_ROOT, 'models', 'follow-up');
const selection = JSON.parse(fs.readFileSync(FOLLOW_UP_SELECTION_FILE, 'utf8')) as FollowUpSelection;
const spec = MODEL_SPECS['follow-up']!;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function train(out: string, extra: string[] = []): Promise<void> {
  const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await main(['--model', 'follow-up', ...extra, '--out', out])).toBe(0);
  } finally {
    log.mockRestore();
  }
}

describe('follow-up model: settings chosen on the dev split only (models/follow-up/selection.json)', () => {
  const { macroF1BySeed: _a, macroF1: _b, accuracy: _c, combinedBest: _d, ...chosen } = selection.chosen;

  it('the spec and DEFAULT_MODEL_THRESHOLD are what the committed selection chose, on the current dev file', () => {
    expect(spec.preprocessing).toEqual(candidatePreprocessing(chosen));
    expect({ l2: spec.l2, classWeight: spec.classWeight, maxIterations: spec.maxIterations }).toEqual({ l2: chosen.l2, classWeight: chosen.classWeight, maxIterations: selection.fixed.maxIterations });
    expect(selection.fixed).toMatchObject({ buckets: spec.preprocessing.buckets, maxChars: spec.preprocessing.maxChars });
    expect(DEFAULT_MODEL_THRESHOLD).toBe(selection.chosenThreshold);
    expect(selection.data.sha256).toBe(sha256(FOLLOW_UP_DEV));
    expect(selection.crossValidation).toEqual(FOLLOW_UP_CV);
    // The committed ranking is consistent: the chosen candidate is the first, every grid point was tried.
    expect(selection.candidates[0]).toEqual(selection.chosen);
    expect(selection.candidates).toHaveLength(followUpCandidates().length);
    expect(Math.max(...selection.candidates.map((c) => c.macroF1))).toBe(selection.chosen.macroF1);
  });

  it('re-running the chosen candidate reproduces its committed cross-validation and threshold sweep exactly', () => {
    const rows = loadFollowUps().rows;
    const oof = crossValidateCandidate(rows, chosen);
    const fresh = scoreCandidate(rows, chosen, oof);
    fresh.macroF1BySeed.forEach((m, i) => expect(m).toBeCloseTo(selection.chosen.macroF1BySeed[i]!, 12));
    expect(fresh.combinedBest).toEqual(selection.chosen.combinedBest);
    const sweep = thresholdSweep(rows, oof);
    expect(sweep.map((t) => t.threshold)).toEqual(selection.thresholds.map((t) => t.threshold));
    sweep.forEach((t, i) => expect(t.macroF1).toBeCloseTo(selection.thresholds[i]!.macroF1, 12));
    expect(chooseThreshold(sweep)).toBe(selection.chosenThreshold);
    expect(rulesAlone(rows).macroF1).toBeCloseTo(selection.rulesAlone.macroF1, 12);
  }, 60_000);

  it('never reads the test split', () => {
    expect(() => loadFollowUps(FOLLOW_UP_TEST)).toThrow(/held-out test split/);
  });
});

describe('follow-up model: reproducible training', () => {
  it('the same data and seed give the same bytes, equal to the shipped model, with its data and settings on record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-follow-up-'));
    await train(path.join(dir, 'a'));
    await train(path.join(dir, 'b'));
    const a = fs.readFileSync(path.join(dir, 'a', 'model.onnx'));
    expect(a.equals(fs.readFileSync(path.join(dir, 'b', 'model.onnx')))).toBe(true);
    expect(a.equals(fs.readFileSync(path.join(SHIPPED, 'model.onnx')))).toBe(true);

    const fresh = (await loadManifest(path.join(dir, 'a', 'manifest.json'))).manifest;
    const shipped = (await loadManifest(path.join(SHIPPED, 'manifest.json'))).manifest;
    const { metrics: _m, ...shippedWithoutMetrics } = shipped;
    expect(fresh).toEqual(shippedWithoutMetrics);
    expect(shipped.sha256).toBe(createHash('sha256').update(a).digest('hex'));
    expect(shipped.labels).toEqual(['clarification', 'complaint', 'gratitude', 'none']);
    expect(shipped.training!.data.map((d) => d.path)).toEqual(['libs/signals/data/followup-dev.jsonl']);
    expect(shipped.training!.data[0]!.sha256).toBe(sha256(FOLLOW_UP_DEV));
    expect(shipped.training!.hyperparameters['stopReason']).not.toBe('max-iterations');
  });

  it('a different L2 gives different weights (the settings really reach the fit)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-follow-up-l2-'));
    await train(dir, ['--l2', '0.001']);
    expect(fs.readFileSync(path.join(dir, 'model.onnx')).equals(fs.readFileSync(path.join(SHIPPED, 'model.onnx')))).toBe(false);
  });
});
