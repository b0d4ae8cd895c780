import { isFiniteRow, type EffectSnapshot, type RatingSnapshot } from '../snapshots';
import { bootstrapBradleyTerry, type BootstrapOptions, type BootstrapResult } from './bootstrap';
import { betaByModel, fitBradleyTerry, type BradleyTerryFit, type BradleyTerryOptions } from './bradley-terry';
import { OnlineElo, type OnlineEloJson, type OnlineEloOptions } from './online-elo';
import { PairwiseCounts, type PairwiseCountsJson } from './pairwise-counts';
import { fitStyleControl, styleWarmStart, type StyleControlFit, type StyleWarmStart } from './style-control';
import type { PairwiseVote } from './vote';
import { VoteRowStore } from './vote-row-store';

export interface PairwiseRatingsOptions {
  scope: string;
  fit?: BradleyTerryOptions;
  /** Bootstrap on every refit; rounds 0 skips intervals (ci = rating, ranks by rating). */
  bootstrap?: BootstrapOptions;
  elo?: OnlineEloOptions;
  /** Keep per-vote rows for style control over these covariates. */
  style?: { covariates: readonly string[]; capacity?: number; seed?: number };
}

export interface RatingsRefit {
  fit: BradleyTerryFit;
  intervals: BootstrapResult | null;
  style: StyleControlFit | null;
}

export interface PairwiseRatingsJson {
  counts: PairwiseCountsJson;
  elo: OnlineEloJson;
  warmBeta: Record<string, number>;
}

/**
 * Ratings for one scope as votes stream in: exact sufficient statistics (pair counts) and online Elo
 * updated per vote, and on refit() a Newton fit warm-started from the previous beta (one or two steps
 * after a batch), bootstrap intervals and, if configured, style control over the bounded row store.
 * The JSON checkpoint holds counts, Elo and the warm start; style rows are not in it (they can be
 * large) and are rebuilt from the stored votes after a restart.
 */
export class PairwiseRatings {
  readonly scope: string;
  private readonly counts: PairwiseCounts;
  private readonly elo: OnlineElo;
  private readonly rows: VoteRowStore | null;
  private warmBeta: Record<string, number> = {};
  private warmStyle: StyleWarmStart = {};
  private last: RatingsRefit | null = null;

  constructor(
    private readonly options: PairwiseRatingsOptions,
    restored?: PairwiseRatingsJson,
  ) {
    this.scope = options.scope;
    this.counts = restored ? PairwiseCounts.fromJSON(restored.counts) : new PairwiseCounts();
    this.elo = restored ? OnlineElo.fromJSON(restored.elo) : new OnlineElo(options.elo);
    this.warmBeta = restored ? { ...restored.warmBeta } : {};
    this.rows = options.style ? new VoteRowStore(options.style) : null;
  }

  get votes(): number {
    return this.counts.totalVotes;
  }

  add(vote: PairwiseVote & { covariates?: Readonly<Record<string, number>> }): void {
    if (!this.counts.add(vote)) return;
    this.elo.update(vote);
    this.rows?.add({ ...vote, covariates: vote.covariates ?? {} });
  }

  refit(): RatingsRefit {
    const fit = fitBradleyTerry(this.counts, this.options.fit, this.warmBeta);
    this.warmBeta = betaByModel(fit);
    const rounds = this.options.bootstrap?.rounds ?? 100;
    const intervals = rounds > 0 ? bootstrapBradleyTerry(this.counts, fit, this.options.fit, this.options.bootstrap) : null;
    let style: StyleControlFit | null = null;
    if (this.rows && this.rows.size > 0) {
      style = fitStyleControl(this.rows, this.options.fit, this.warmStyle);
      this.warmStyle = styleWarmStart(style);
    }
    this.last = { fit, intervals, style };
    return this.last;
  }

  /** Rows for the storage layer from the last refit (plus Elo as of now). */
  snapshot(computedAt: number): { ratings: RatingSnapshot[]; effects: EffectSnapshot[] } {
    const ratings: RatingSnapshot[] = [];
    const base = { computed_at: computedAt, scope: this.scope };
    if (this.last) {
      const { fit, intervals, style } = this.last;
      const byRating = rankByRating(fit.ratings);
      fit.models.forEach((model, x) => {
        const ci = intervals?.ratings[x];
        ratings.push({
          ...base, method: 'bradley_terry', model, rating: fit.ratings[x], ci_low: ci?.ciLow ?? fit.ratings[x], ci_high: ci?.ciHigh ?? fit.ratings[x],
          rank: ci?.rank ?? byRating[x], votes: fit.votes[x], gradient_norm: fit.gradientNorm,
        });
      });
      if (style) {
        const styleRank = rankByRating(style.ratings);
        style.models.forEach((model, x) => ratings.push({
          ...base, method: 'style_control', model, rating: style.ratings[x], ci_low: style.ratings[x], ci_high: style.ratings[x],
          rank: styleRank[x], votes: style.votes[x], gradient_norm: style.gradientNorm,
        }));
      }
    }
    const eloModels = this.counts.models;
    const eloRatings = eloModels.map((m) => this.elo.ratingOf(m));
    const eloRank = rankByRating(eloRatings);
    const perModel = this.counts.votesPerModel();
    eloModels.forEach((model, x) => ratings.push({
      ...base, method: 'elo', model, rating: eloRatings[x], ci_low: eloRatings[x], ci_high: eloRatings[x], rank: eloRank[x], votes: perModel[x], gradient_norm: 0,
    }));
    const style = this.last?.style;
    const effects: EffectSnapshot[] = (style?.style ?? []).map((c) => ({
      computed_at: computedAt, target: 'style_control', segment: this.scope, window: 'cumulative', feature: c.feature,
      coef: c.coef, se: c.se, ci_low: c.ciLow, ci_high: c.ciHigh, n: style!.rows,
    }));
    return { ratings: ratings.filter(isFiniteRow), effects: effects.filter(isFiniteRow) };
  }

  toJSON(): PairwiseRatingsJson {
    return { counts: this.counts.toJSON(), elo: this.elo.toJSON(), warmBeta: { ...this.warmBeta } };
  }
}

/** 1 + number of strictly higher values. */
function rankByRating(values: ArrayLike<number>): number[] {
  const list = Array.from(values);
  return list.map((v) => 1 + list.reduce((n, w) => n + (w > v ? 1 : 0), 0));
}
