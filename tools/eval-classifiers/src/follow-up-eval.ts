import fs from 'node:fs';
import path from 'node:path';
import { loadManifest, type Classification } from '@prefstream/models';
import { classifyFollowUp, DEFAULT_MODEL_THRESHOLD, FOLLOW_UP_LABELS, type FollowUpResult, type FollowUpScores } from '@prefstream/signals';
import { classificationReport, type ClassificationReport } from './metrics';
import { REPO_ROOT, SHIPPED_MODELS_DIR } from './paths';
import { predict } from './predict';

export const FOLLOW_UP_TEST_FILE = path.join(REPO_ROOT, 'libs', 'signals', 'data', 'followup-test.jsonl');
/** The threshold classifyFollowUp shipped with before the model existed (kept as a contrast). */
export const ORIGINAL_MODEL_THRESHOLD = 0.7;
/**
 * A fixed contrast, not a setting: threshold 0 lets the model's argmax decide wherever the rules
 * abstain, which shows the most the model can add (and what it costs in precision). Not chosen on test.
 */
export const ARGMAX_CONTRAST_THRESHOLD = 0;

/** Report order: the feedback classes, then none. */
const LABELS = ['complaint', 'gratitude', 'clarification', 'retry', 'none'] as const;

export interface Interval {
  low: number;
  high: number;
}

export interface FollowUpScoresReport extends ClassificationReport {
  /** Mean F1 over the labels with test support (retry has none in hh-rlhf). `macroF1` averages all five. */
  macroF1Supported: number;
  /** Mean F1 over the supported feedback classes (complaint, gratitude, clarification). */
  feedbackMacroF1: number;
  /** Wilson 95% intervals: the set is small, so every figure comes with its spread. */
  intervals: Record<string, { precision: Interval | null; recall: Interval | null }>;
}

export interface CombinedReport extends FollowUpScoresReport {
  threshold: number;
  /** How many turns each half decided as a feedback class, and how many of those were right. */
  decidedBy: { rules: { predicted: number; correct: number }; model: { predicted: number; correct: number } };
  /** On the turns where the rules abstain: how many there are, and the model's best non-none probability there. */
  abstained: { turns: number; maxFeedbackProbability: { median: number; p90: number; max: number } };
}

/** Wilson score interval for k successes in n (95%); null when n = 0. */
export function wilson(k: number, n: number, z = 1.959963984540054): Interval | null {
  if (n === 0) return null;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // At k = 0 and k = n the bounds are exactly 0 and 1; say so rather than leave a rounding error.
  return { low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

export function readFollowUpTest(file = FOLLOW_UP_TEST_FILE): { text: string; label: string }[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { text: string; label: string });
}

export function followUpScores(gold: readonly string[], predicted: readonly string[]): FollowUpScoresReport {
  const report = classificationReport(LABELS, gold, predicted);
  const supported = LABELS.filter((l) => report.perClass[l]!.support > 0);
  const feedback = supported.filter((l) => l !== 'none');
  const intervals: FollowUpScoresReport['intervals'] = {};
  for (const l of LABELS) {
    const tp = report.confusion[l]![l]!;
    const predictedAs = LABELS.reduce((s, g) => s + report.confusion[g]![l]!, 0);
    intervals[l] = { precision: wilson(tp, predictedAs), recall: wilson(tp, report.perClass[l]!.support) };
  }
  const meanF1 = (ls: readonly string[]) => ls.reduce((s, l) => s + report.perClass[l]!.f1, 0) / ls.length;
  return { ...report, macroF1Supported: meanF1(supported), feedbackMacroF1: meanF1(feedback), intervals };
}

/** The model's class probabilities in the shape classifyFollowUp takes (derived scores left out). */
export function toFollowUpScores(result: Classification): FollowUpScores {
  const scores: FollowUpScores = {};
  for (const label of FOLLOW_UP_LABELS) if (result.scores[label] !== undefined) scores[label] = result.scores[label];
  return scores;
}

export function combinedScores(texts: readonly string[], gold: readonly string[], model: readonly Classification[], threshold: number): CombinedReport {
  const results: FollowUpResult[] = texts.map((t, i) => classifyFollowUp(t, { scores: toFollowUpScores(model[i]!), modelThreshold: threshold }));
  const decidedBy = { rules: { predicted: 0, correct: 0 }, model: { predicted: 0, correct: 0 } };
  results.forEach((r, i) => {
    if (r.label === 'none') return;
    decidedBy[r.source].predicted++;
    if (r.label === gold[i]) decidedBy[r.source].correct++;
  });
  const feedbackP = texts
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => classifyFollowUp(t).label === 'none')
    .map(({ i }) => Math.max(...Object.entries(toFollowUpScores(model[i]!)).filter(([l]) => l !== 'none').map(([, p]) => p!)))
    .sort((a, b) => a - b);
  const quantile = (q: number) => feedbackP[Math.min(feedbackP.length - 1, Math.floor(q * feedbackP.length))] ?? 0;
  return {
    threshold,
    ...followUpScores(gold, results.map((r) => r.label)),
    decidedBy,
    abstained: { turns: feedbackP.length, maxFeedbackProbability: { median: quantile(0.5), p90: quantile(0.9), max: feedbackP[feedbackP.length - 1] ?? 0 } },
  };
}

/**
 * The shipped follow-up model on the held-out test split of the hand-labelled hh-rlhf turns, beside the
 * rules alone and the two combined as classifyFollowUp does (the model runs through libs/models).
 */
export async function evaluateFollowUp(manifestPath = path.join(SHIPPED_MODELS_DIR, 'follow-up', 'manifest.json')) {
  const { manifest } = await loadManifest(manifestPath);
  const trainedOn = manifest.training?.data.map((d) => d.path) ?? [];
  if (trainedOn.some((p) => p.endsWith('followup-test.jsonl'))) throw new Error(`${manifestPath} was trained on the test split`);
  const rows = readFollowUpTest();
  const texts = rows.map((r) => r.text);
  const gold = rows.map((r) => r.label);
  const model = await predict(manifestPath, texts);
  const thresholds = [...new Set([DEFAULT_MODEL_THRESHOLD, ORIGINAL_MODEL_THRESHOLD, ARGMAX_CONTRAST_THRESHOLD])];
  return {
    protocol:
      `libs/signals/data/followup-test.jsonl (${rows.length} hand-labelled hh-rlhf follow-up turns, never used for training or tuning); ` +
      `the shipped model (trained on ${trainedOn.join(', ')}, ${manifest.training?.rows} rows) through libs/models TextClassifier; ` +
      `rules = classifyFollowUp without scores; combined = classifyFollowUp with the model's probabilities (rules first, the model where they abstain, if its best non-none class reaches the threshold)`,
    labels: [...LABELS],
    defaultThreshold: DEFAULT_MODEL_THRESHOLD,
    rules: followUpScores(gold, texts.map((t) => classifyFollowUp(t).label)),
    model: followUpScores(gold, model.map((r) => r.label)),
    combined: thresholds.map((t) => combinedScores(texts, gold, model, t)),
    contrast: `combined at threshold ${ARGMAX_CONTRAST_THRESHOLD}: the model's argmax wherever the rules abstain; a fixed contrast showing the most the model adds, not a shipped setting and not chosen on this split`,
    caveat:
      'One annotator (an AI coding agent), no agreement figure; 291 test turns, so a class of 21-42 items gives recall intervals about +-0.15 wide. ' +
      'Retry has no example in hh-rlhf: the model never learned it and no retry figure can be measured.',
  };
}
