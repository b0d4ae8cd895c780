import type { FollowUpLabel } from './follow-up-label';

/**
 * Class probabilities for one follow-up message from a trained model (the shipped `follow-up` ONNX
 * classifier of models/follow-up, trained on data/followup-dev.jsonl, run by libs/models; it has no
 * retry class). The pipeline scores messages in batches off the event loop and hands the result in;
 * this library never loads a model itself.
 */
export type FollowUpScores = Partial<Record<FollowUpLabel, number>>;

/** A synchronous scorer, for callers that have one (tests, a lexicon model, a cached scorer). */
export interface FollowUpModelScorer {
  score(text: string): FollowUpScores;
}
