import fs from 'node:fs';
import path from 'node:path';
import type { evaluateFollowUp } from './follow-up-eval';
import type { evaluateHarmfulRequest } from './harmful-request-eval';
import { SHIPPED_MODELS_DIR } from './paths';
import type { evaluateRefusal } from './refusal-eval';
import type { evaluateToxicity } from './toxicity-eval';

export interface EvaluationReport {
  refusal?: Awaited<ReturnType<typeof evaluateRefusal>>;
  toxicity?: Awaited<ReturnType<typeof evaluateToxicity>>;
  'harmful-request'?: Awaited<ReturnType<typeof evaluateHarmfulRequest>>;
  'follow-up'?: Awaited<ReturnType<typeof evaluateFollowUp>>;
}

/** The headline numbers of each evaluation, as stored in the model's manifest. */
export function headlineMetrics(report: EvaluationReport): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  if (report.refusal) {
    out['refusal'] = {
      protocol: report.refusal.protocol,
      rotations: report.refusal.rotations.map((r) => ({
        test: r.test,
        macroF1: r.model.macroF1,
        refusalRecall: r.model.refusalRecall,
        baselineMacroF1: r.baseline.macroF1,
        baselineRefusalRecall: r.baseline.refusalRecall,
      })),
    };
  }
  if (report.toxicity) {
    const { model, lexiconBaseline } = report.toxicity;
    out['toxicity'] = { protocol: report.toxicity.protocol, macroF1: model.macroF1, toxicAuc: model.toxicAuc, lexiconMacroF1: lexiconBaseline.macroF1, lexiconToxicAuc: lexiconBaseline.toxicAuc };
  }
  const harmful = report['harmful-request'];
  if (harmful) {
    out['harmful-request'] = { protocol: harmful.protocol, accuracy: harmful.model.accuracy, unsafeF1: harmful.model.unsafeF1, macroF1: harmful.model.macroF1, majorityAccuracy: harmful.majorityBaseline.accuracy };
  }
  const followUp = report['follow-up'];
  if (followUp) {
    const f1 = (r: { perClass: Record<string, { f1: number }> }) => Object.fromEntries(['complaint', 'gratitude', 'clarification'].map((l) => [l, r.perClass[l]!.f1]));
    const combined = followUp.combined.find((c) => c.threshold === followUp.defaultThreshold)!;
    out['follow-up'] = {
      protocol: followUp.protocol,
      testRows: followUp.model.rows,
      modelF1: f1(followUp.model),
      rulesF1: f1(followUp.rules),
      combinedF1: f1(combined),
      combinedThreshold: combined.threshold,
      feedbackMacroF1: { model: followUp.model.feedbackMacroF1, rules: followUp.rules.feedbackMacroF1, combined: combined.feedbackMacroF1 },
    };
  }
  return out;
}

/** Writes the headline numbers into each shipped manifest's `metrics` (its sha256 covers the ONNX file only). */
export function writeManifestMetrics(report: EvaluationReport): void {
  for (const [name, metrics] of Object.entries(headlineMetrics(report))) {
    const file = path.join(SHIPPED_MODELS_DIR, name, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    manifest['metrics'] = { source: 'docs/classifiers.eval.json', ...metrics };
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
  }
}
