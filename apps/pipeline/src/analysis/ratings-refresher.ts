import type { Store } from '@prefstream/clickhouse';
import { ratingScopesOf } from './rating-scopes';
import { ratingsReport, type RatingsReport } from './ratings-report';
import { ScopeRatings, type ScopeRatingsOptions } from './scope-ratings';
import { writeSnapshots } from './snapshot-writer';
import { IncrementalVoteReader, type VoteReaderOptions } from './vote-reader';

export type RatingsRefresherOptions = ScopeRatingsOptions & Pick<VoteReaderOptions, 'pageSize' | 'latenessMs'>;

/**
 * Keeps the pairwise ratings of every scope (global and per tenant, all votes and anonymous only) up to
 * date from the votes table: each refresh() reads only new votes, refits the scopes they touched (warm
 * Newton from the previous fit) and appends their snapshots to rating_snapshots / effect_snapshots.
 */
export class RatingsRefresher {
  private readonly reader: IncrementalVoteReader;
  private readonly scopes = new Map<string, ScopeRatings>();
  private readonly snapshots = new Map<string, ReturnType<ScopeRatings['refit']>>();

  constructor(
    private readonly store: Store,
    private readonly options: RatingsRefresherOptions = {},
  ) {
    this.reader = new IncrementalVoteReader(store, options);
  }

  /** Reads new votes, refits the scopes that changed and writes their snapshots; returns the number of new votes. */
  async refresh(computedAt = Date.now()): Promise<number> {
    let votes = 0;
    for await (const page of this.reader.read()) {
      for (const vote of page) for (const scope of ratingScopesOf(vote)) this.scopeOf(scope).add(vote);
      votes += page.length;
    }
    const ratings = [];
    const effects = [];
    for (const [name, scope] of this.scopes) {
      if (!scope.stale) continue;
      const snapshot = scope.refit(computedAt);
      this.snapshots.set(name, snapshot);
      ratings.push(...snapshot.ratings);
      effects.push(...snapshot.effects);
    }
    await writeSnapshots(this.store, 'rating_snapshots', ratings);
    await writeSnapshots(this.store, 'effect_snapshots', effects);
    return votes;
  }

  get scopeNames(): string[] {
    return [...this.scopes.keys()].sort();
  }

  /** The latest refit of a scope (an empty report for a scope without votes). */
  report(scope: string): RatingsReport {
    return ratingsReport(scope, this.snapshots.get(scope));
  }

  private scopeOf(name: string): ScopeRatings {
    let scope = this.scopes.get(name);
    if (!scope) this.scopes.set(name, (scope = new ScopeRatings(name, this.options)));
    return scope;
  }
}
