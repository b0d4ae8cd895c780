import type { StoredVote } from './stored-vote';

/** All votes, whatever the tenant. */
export const GLOBAL_SCOPE = 'global';
const ANONYMOUS_SUFFIX = '/anonymous';

/** The scope name for a selection of votes: 'global' or 'tenant:T', plus '/anonymous' for blind votes only. */
export const ratingScope = (selection: { tenant?: string; anonymousOnly?: boolean }): string =>
  `${selection.tenant ? `tenant:${selection.tenant}` : GLOBAL_SCOPE}${selection.anonymousOnly ? ANONYMOUS_SUFFIX : ''}`;

/**
 * Every scope a vote counts in: all votes and this tenant's, each also restricted to anonymous votes
 * (the arena publishes both: `(anony)` and `(full)`).
 */
export function ratingScopesOf(vote: StoredVote): string[] {
  const bases = [{}, { tenant: vote.tenant }];
  return bases.flatMap((base) => [ratingScope(base), ...(vote.anonymous ? [ratingScope({ ...base, anonymousOnly: true })] : [])]);
}
