import fs from 'node:fs';
import { classifyFollowUp, DEFAULT_MODEL_THRESHOLD } from '@prefstream/signals';
import { combinedScores, evaluateFollowUp, followUpScores, readFollowUpTest, toFollowUpScores, wilson } from '../src/follow-up-eval';
import { EVAL_JSON } from '../src/paths';
import { predict } from '../src/predict';

type FollowUpEval = Awaited<ReturnType<typeof evaluateFollowUp>>;
const committed = (JSON.parse(fs.readFileSync(EVAL_JSON, 'utf8')) as { 'follow-up': FollowUpEval })['follow-up'];

describe('follow-up evaluation helpers', () => {
  it('wilson: known values, empty n, bounds', () => {
    const i = wilson(6, 42)!; // 0.143
    expect(i.low).toBeCloseTo(0.0672, 3);
    expect(i.high).toBeCloseTo(0.2784, 3);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(10, 10)!.high).toBe(1);
    expect(wilson(0, 10)!.low).toBe(0);
  });

  it('averages F1 over the classes with support only (retry has none)', () => {
    const r = followUpScores(['complaint', 'none', 'none'], ['complaint', 'none', 'retry']);
    expect(r.perClass['retry']!.support).toBe(0);
    expect(r.macroF1Supported).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(r.feedbackMacroF1).toBe(1);
  });

  it('the combination is classifyFollowUp itself: a rule hit wins, the model decides only above the threshold', () => {
    const texts = ['thanks, that worked!', 'Smalahove is lamb head.', 'Smalahove is lamb head.'];
    const model = [
      { label: 'complaint', scores: { complaint: 0.9, none: 0.1 }, model: 'm', version: '1' },
      { label: 'complaint', scores: { complaint: 0.8, none: 0.2 }, model: 'm', version: '1' },
      { label: 'complaint', scores: { complaint: 0.6, none: 0.4 }, model: 'm', version: '1' },
    ];
    const r = combinedScores(texts, ['gratitude', 'complaint', 'complaint'], model, 0.7);
    expect(r.decidedBy).toEqual({ rules: { predicted: 1, correct: 1 }, model: { predicted: 1, correct: 1 } });
    expect(r.confusion['complaint']).toMatchObject({ complaint: 1, none: 1 });
  });
});

describe('committed follow-up figures (docs/classifiers.eval.json)', () => {
  it('the shipped model, run through libs/models, reproduces them on the test split', async () => {
    const fresh = await evaluateFollowUp();
    expect(fresh.defaultThreshold).toBe(committed.defaultThreshold);
    expect(fresh.rules).toEqual(committed.rules); // no model involved: exact
    expect(fresh.model.confusion).toEqual(committed.model.confusion);
    expect(fresh.combined.map((c) => c.threshold)).toEqual(committed.combined.map((c) => c.threshold));
    fresh.combined.forEach((c, i) => {
      expect(c.confusion).toEqual(committed.combined[i]!.confusion);
      expect(c.decidedBy).toEqual(committed.combined[i]!.decidedBy);
      expect(c.abstained.maxFeedbackProbability.max).toBeCloseTo(committed.combined[i]!.abstained.maxFeedbackProbability.max, 5);
    });
    expect(fresh.protocol).toBe(committed.protocol);
  }, 60_000);

  it('the rules figures are those of classifyFollowUp without scores, and the combination at the default threshold adds exactly what the model decides', async () => {
    const rows = readFollowUpTest();
    expect(rows).toHaveLength(committed.rules.rows);
    const rules = followUpScores(rows.map((r) => r.label), rows.map((r) => classifyFollowUp(r.text).label));
    expect(rules.confusion).toEqual(committed.rules.confusion);
    const model = await predict('follow-up', rows.map((r) => r.text));
    const atDefault = committed.combined.find((c) => c.threshold === DEFAULT_MODEL_THRESHOLD)!;
    const decidedByModel = rows.filter((r, i) => {
      const result = classifyFollowUp(r.text, { scores: toFollowUpScores(model[i]!) });
      return result.source === 'model' && result.label !== 'none';
    }).length;
    expect(decidedByModel).toBe(atDefault.decidedBy.model.predicted);
  }, 60_000);
});
