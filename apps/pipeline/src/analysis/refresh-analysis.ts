import type { Store } from '@prefstream/clickhouse';
import { EffectsRefresher, type EffectsRefresherOptions } from './effects-refresher';
import { RatingsRefresher, type RatingsRefresherOptions } from './ratings-refresher';

export interface AnalysisRefresh {
  ratings: RatingsRefresher;
  effects: EffectsRefresher;
  /** Votes read by the ratings refresh, and those with response features read by the effects refresh. */
  votes: number;
  votesWithFeatures: number;
}

/** One refresh of both analyses over the store's votes (what a replay runs at its end). */
export async function refreshAnalysis(store: Store, options: { ratings?: RatingsRefresherOptions; effects?: EffectsRefresherOptions; computedAt?: number } = {}): Promise<AnalysisRefresh> {
  const computedAt = options.computedAt ?? Date.now();
  const ratings = new RatingsRefresher(store, options.ratings);
  const effects = new EffectsRefresher(store, options.effects);
  const votes = await ratings.refresh(computedAt);
  const votesWithFeatures = await effects.refresh(computedAt);
  return { ratings, effects, votes, votesWithFeatures };
}
