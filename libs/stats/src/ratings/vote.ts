/** Outcome of a pairwise vote; both_bad is a tie for rating purposes (the arena's 'tie (bothbad)'). */
export type VoteWinner = 'a' | 'b' | 'tie' | 'both_bad';

export interface PairwiseVote {
  modelA: string;
  modelB: string;
  winner: VoteWinner;
}

export const VOTE_WINNERS: readonly VoteWinner[] = ['a', 'b', 'tie', 'both_bad'];

export function assertWinner(winner: VoteWinner): void {
  if (!VOTE_WINNERS.includes(winner)) throw new RangeError(`unknown vote winner ${String(winner)}`);
}

/** A model compared with itself says nothing about its rating; such votes are counted and skipped. */
export const isSelfVote = (vote: PairwiseVote) => vote.modelA === vote.modelB;
