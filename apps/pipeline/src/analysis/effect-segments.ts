import { MINUTE_MS, type EffectObservation } from '@prefstream/stats';
import { voteOutcome, type StoredVote } from './stored-vote';

/**
 * Segments a vote's effects are also fitted in (besides 'global'): its tenant, its segment label, each
 * model on either side ("what wins when this model is in the comparison") and its user, each fitted
 * only once it has enough votes.
 */
export function effectSegmentsOf(vote: StoredVote): string[] {
  const segments = [`tenant:${vote.tenant}`];
  if (vote.segment) segments.push(`segment:${vote.segment}`);
  segments.push(`model:${vote.modelA}`);
  if (vote.modelB !== vote.modelA) segments.push(`model:${vote.modelB}`);
  if (vote.userHash) segments.push(`user:${vote.userHash}`);
  return segments;
}

export function effectObservation(vote: StoredVote): EffectObservation {
  return { minute: Math.floor(vote.tsMs / MINUTE_MS) * MINUTE_MS, segments: effectSegmentsOf(vote), values: vote.featureDiffs, outcome: voteOutcome(vote.winner) };
}
