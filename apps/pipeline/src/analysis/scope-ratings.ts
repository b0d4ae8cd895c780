import { PairwiseRatings, type EffectSnapshot, type RatingSnapshot } from '@prefstream/stats';
import { hasFeatureDiffs, type StoredVote } from './stored-vote';

/**
 * The arena's style-control covariates: token count and markdown headers, list items and bold, each as
 * (A - B) / (A + B + 1) (the feature extractor removes fenced code before counting the markdown).
 */
export const ARENA_STYLE_COVARIATES = ['tokens', 'header_count', 'list_count', 'bold_count'] as const;

export interface ScopeRatingsOptions {
  /** Bootstrap resamples for the Bradley-Terry intervals. Default 1,000. */
  bootstrapRounds?: number;
  seed?: number;
  covariates?: readonly string[];
}

export interface ScopeSnapshot {
  computedAt: number;
  ratings: RatingSnapshot[];
  /** Style coefficients (target 'style_control', segment = scope). */
  effects: EffectSnapshot[];
  /** Votes in the plain fit (self-votes excluded) and in the style-controlled one. */
  votes: number;
  styleVotes: number;
}

/**
 * Ratings of one scope. Bradley-Terry (bootstrap intervals, ranks by interval) and online Elo come from
 * every vote; style control only from votes that carry response feature differences, since a vote
 * without response text has unknown style, and counting it as "equal style" would bias the
 * coefficients toward 0.
 */
export class ScopeRatings {
  private readonly plain: PairwiseRatings;
  private readonly styled: PairwiseRatings;
  private readonly covariates: readonly string[];
  private changed = false;
  private last: ScopeSnapshot | null = null;

  constructor(readonly scope: string, options: ScopeRatingsOptions = {}) {
    this.covariates = options.covariates ?? ARENA_STYLE_COVARIATES;
    this.plain = new PairwiseRatings({ scope, bootstrap: { rounds: options.bootstrapRounds ?? 1000, seed: options.seed ?? 1 } });
    // Its own Bradley-Terry fit (no bootstrap) is a by-product; only the style rows are read from it.
    this.styled = new PairwiseRatings({ scope, bootstrap: { rounds: 0 }, style: { covariates: this.covariates, seed: options.seed ?? 1 } });
  }

  add(vote: StoredVote): void {
    const pair = { modelA: vote.modelA, modelB: vote.modelB, winner: vote.winner };
    this.plain.add(pair);
    if (hasFeatureDiffs(vote)) this.styled.add({ ...pair, covariates: vote.featureDiffs });
    this.changed = true;
  }

  /** True when votes arrived since the last refit. */
  get stale(): boolean {
    return this.changed || this.last === null;
  }

  /** Warm refit of both fits; the rows carry the vote counts behind them. */
  refit(computedAt: number): ScopeSnapshot {
    const ratings: RatingSnapshot[] = [];
    const effects: EffectSnapshot[] = [];
    if (this.plain.votes > 0) {
      this.plain.refit();
      ratings.push(...this.plain.snapshot(computedAt).ratings);
    }
    if (this.styled.votes > 0) {
      this.styled.refit();
      const styled = this.styled.snapshot(computedAt);
      ratings.push(...styled.ratings.filter((r) => r.method === 'style_control'));
      effects.push(...styled.effects);
    }
    this.changed = false;
    this.last = { computedAt, ratings, effects, votes: this.plain.votes, styleVotes: this.styled.votes };
    return this.last;
  }
}
