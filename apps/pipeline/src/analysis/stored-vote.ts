import type { VoteWinner } from '@prefstream/stats';

/** A row of the `votes` table as the analysis reads it. */
export interface StoredVote {
  tenant: string;
  voteId: string;
  userHash: string;
  segment: string;
  modelA: string;
  modelB: string;
  winner: VoteWinner;
  anonymous: boolean;
  /** (A - B) / (A + B + 1) per response feature; empty when the vote's responses were not inline. */
  featureDiffs: Record<string, number>;
  tsMs: number;
}

/** The columns selected, in the shape JSONEachRow returns them (64-bit integers as strings). */
export interface VoteQueryRow {
  tenant: string;
  vote_id: string;
  user_hash: string;
  segment: string;
  model_a: string;
  model_b: string;
  winner: VoteWinner;
  anonymous: number | string;
  feature_diffs: Record<string, number>;
  ts_ms: number | string;
}

export const VOTE_COLUMNS = 'tenant, vote_id, user_hash, segment, model_a, model_b, toString(winner) AS winner, anonymous, feature_diffs, toUnixTimestamp64Milli(ts) AS ts_ms';

export function storedVote(row: VoteQueryRow): StoredVote {
  return {
    tenant: row.tenant,
    voteId: row.vote_id,
    userHash: row.user_hash,
    segment: row.segment,
    modelA: row.model_a,
    modelB: row.model_b,
    winner: row.winner,
    anonymous: Number(row.anonymous) === 1,
    featureDiffs: row.feature_diffs ?? {},
    tsMs: Number(row.ts_ms),
  };
}

/** True when the vote carries response feature differences (both responses were inline). */
export const hasFeatureDiffs = (vote: StoredVote): boolean => Object.keys(vote.featureDiffs).length > 0;

/** Outcome for a preference regression: 1 A preferred, 0 B preferred, 1/2 tie or both bad. */
export const voteOutcome = (winner: VoteWinner): number => (winner === 'a' ? 1 : winner === 'b' ? 0 : 0.5);
