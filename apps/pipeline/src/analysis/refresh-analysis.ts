import type { Store } from '@prefstream/clickhouse';
import { EffectsRefresher, type EffectsRefresherOptions } from './effects-refresher';
import { RatingsRefresher, type RatingsRefresherOptions } from './ratings-refresher';

/** Both analyses over one store's votes, refreshed together (what a replay runs as it goes and at its end). */
export class AnalysisRefresh {
  readonly ratings: RatingsRefresher;
  readonly effects: EffectsRefresher;
  /** Votes read so far by the ratings refresher, and those with response features by the effects one. */
  votes = 0;
  votesWithFeatures = 0;
  refreshes = 0;

  constructor(store: Store, options: { ratings?: RatingsRefresherOptions; effects?: EffectsRefresherOptions } = {}) {
    this.ratings = new RatingsRefresher(store, options.ratings);
    this.effects = new EffectsRefresher(store, options.effects);
  }

  async refresh(computedAt = Date.now()): Promise<void> {
    const votes = await this.ratings.refresh(computedAt);
    this.votes += votes;
    // Both read the same votes: with none new, the effects refresh would write nothing either, after
    // scanning every stored vote for its feature support (the analysis loop runs this every minute).
    if (votes > 0 || this.refreshes === 0) this.votesWithFeatures += await this.effects.refresh(computedAt);
    this.refreshes++;
  }

  summary(): { votes: number; votes_with_features: number; refreshes: number; rating_scopes: string[]; effect_tables: number } {
    return { votes: this.votes, votes_with_features: this.votesWithFeatures, refreshes: this.refreshes, rating_scopes: this.ratings.scopeNames, effect_tables: this.effects.report().tables.length };
  }
}
