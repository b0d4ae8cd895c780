import { FOLLOW_UP_POLARITY, type FollowUpLabel, type FollowUpResult } from './follow-up-label';
import type { FollowUpModelScorer, FollowUpScores } from './follow-up-model';
import { matchFollowUpRule } from './follow-up-rules';

export interface ClassifyFollowUpOptions {
  /** Probabilities already computed by a model for this text (takes precedence over `scorer`). */
  scores?: FollowUpScores;
  scorer?: FollowUpModelScorer;
  /** A model label is used only when the rules found nothing and its probability reaches this. */
  modelThreshold?: number;
}

/**
 * Kept at 0.7 after a search on the dev split only (models/follow-up/selection.json): no threshold
 * from 0 to 0.9 did better on dev with the shipped model. That model rarely gives a feedback class more
 * than 0.35 where the rules abstain, so at this threshold it adds nothing; see docs/classifiers.md.
 */
export const DEFAULT_MODEL_THRESHOLD = 0.7;

/**
 * Rules first (precise, explainable), then the model for what the rules miss. A rule hit is never
 * overridden: the rules' precision is measured per class on human-labelled turns, the model's recall
 * is what it adds.
 */
export function classifyFollowUp(text: string, options: ClassifyFollowUpOptions = {}): FollowUpResult {
  const rule = matchFollowUpRule(text);
  if (rule) return { label: rule.label, polarity: FOLLOW_UP_POLARITY[rule.label], confidence: rule.confidence, source: 'rules' };
  const scores = options.scores ?? options.scorer?.score(text);
  if (scores) {
    const best = bestLabel(scores);
    if (best && best[0] !== 'none' && best[1] >= (options.modelThreshold ?? DEFAULT_MODEL_THRESHOLD)) {
      return { label: best[0], polarity: FOLLOW_UP_POLARITY[best[0]], confidence: best[1], source: 'model' };
    }
    return { label: 'none', polarity: 0, confidence: scores.none ?? 1 - (best?.[1] ?? 0), source: 'model' };
  }
  // The rules abstain rather than assert "none": an even confidence says so.
  return { label: 'none', polarity: 0, confidence: 0.5, source: 'rules' };
}

function bestLabel(scores: FollowUpScores): [FollowUpLabel, number] | undefined {
  let best: [FollowUpLabel, number] | undefined;
  for (const [label, p] of Object.entries(scores) as [FollowUpLabel, number][]) {
    if (Number.isFinite(p) && (!best || p > best[1] || (p === best[1] && label < best[0]))) best = [label, p];
  }
  return best;
}
