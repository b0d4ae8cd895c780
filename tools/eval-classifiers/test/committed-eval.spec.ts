import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { predict } from '../src/predict';
import { EVAL_JSON, datasetsDir } from '../src/paths';
import { readStrmatchRows, refusalScores, rotationTrainArgs, type RefusalRotation, XSTEST_MODELS } from '../src/refusal-eval';
import { evaluateToxicity } from '../src/toxicity-eval';
import { trainWithCli } from '../src/trainer-process';

const committed = JSON.parse(fs.readFileSync(EVAL_JSON, 'utf8')) as { refusal: { rotations: RefusalRotation[] }; toxicity: Awaited<ReturnType<typeof evaluateToxicity>> };

describe('committed docs/classifiers.eval.json', () => {
  it('shows the refusal model beating the string-match baseline on every rotation, on macro-F1 and refusal recall', () => {
    expect(committed.refusal.rotations.map((r) => r.test).sort()).toEqual([...XSTEST_MODELS].sort());
    for (const r of committed.refusal.rotations) {
      expect(r.model.macroF1).toBeGreaterThan(r.baseline.macroF1);
      expect(r.model.refusalRecall).toBeGreaterThan(r.baseline.refusalRecall);
    }
  });
});

const withData = fs.existsSync(datasetsDir()) ? describe : describe.skip;
withData(`re-verifying committed numbers from the real data${fs.existsSync(datasetsDir()) ? '' : ` (skipped: datasets not found at ${datasetsDir()})`}`, () => {
  it('the baseline numbers follow from the strmatch files', () => {
    for (const r of committed.refusal.rotations) {
      const rows = readStrmatchRows(r.test);
      expect(refusalScores(rows.map((x) => x.gold), rows.map((x) => x.strmatch))).toEqual(r.baseline);
    }
  });

  it('retraining the mistralinstruct rotation with the trainer CLI reproduces its committed predictions exactly', async () => {
    const rotation = committed.refusal.rotations.find((r) => r.test === 'mistralinstruct')!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reverify-refusal-'));
    const manifest = await trainWithCli(rotationTrainArgs('mistralinstruct'), dir);
    const rows = readStrmatchRows('mistralinstruct');
    const predicted = (await predict(manifest, rows.map((r) => r.text))).map((c) => c.label);
    const recomputed = refusalScores(rows.map((r) => r.gold), predicted);
    expect(recomputed.confusion).toEqual(rotation.model.confusion);
    expect(recomputed.macroF1).toBeCloseTo(rotation.model.macroF1, 12);
    expect(recomputed.refusalRecall).toBeCloseTo(rotation.model.refusalRecall, 12);
  }, 180_000);

  it('the shipped toxicity model reproduces its committed held-out scores', async () => {
    const fresh = await evaluateToxicity();
    expect(fresh.model.confusion).toEqual(committed.toxicity.model.confusion);
    expect(fresh.model.toxicAuc).toBeCloseTo(committed.toxicity.model.toxicAuc, 6);
    expect(fresh.lexiconBaseline).toEqual(committed.toxicity.lexiconBaseline);
  });
});
