import type { EffectSnapshot, RatingSnapshot } from '@prefstream/stats';
import type { ScopeSnapshot } from './scope-ratings';

export interface ModelRating {
  model: string;
  rating: number;
  ci_low: number;
  ci_high: number;
  rank: number;
  votes: number;
}

/** What `prefstream ratings --json` prints for one scope. */
export interface RatingsReport {
  scope: string;
  /** When the reported fit was made; null for a scope without votes. */
  computed_at: string | null;
  /** Votes in the fit (a model compared with itself is left out). */
  votes: number;
  /** Gradient norm of the Bradley-Terry objective at the reported ratings. */
  gradient_norm: number | null;
  /** Bradley-Terry, best first, with bootstrap intervals and ranks by interval. */
  models: ModelRating[];
  /** Online Elo (order-dependent, no intervals), beside the fit for comparison. */
  elo: { model: string; rating: number; votes: number }[];
  /** Style control, over the votes with response text; null when no vote has it. */
  style: {
    votes: number;
    gradient_norm: number | null;
    models: { model: string; rating: number; rank: number; votes: number }[];
    coefficients: { feature: string; coef: number; se: number; ci_low: number; ci_high: number }[];
  } | null;
}

const byRating = <T extends { rating: number; model: string }>(rows: T[]) => rows.sort((x, y) => y.rating - x.rating || (x.model < y.model ? -1 : 1));
const of = (rows: RatingSnapshot[], method: RatingSnapshot['method']) => rows.filter((r) => r.method === method);

export function ratingsReport(scope: string, snapshot: ScopeSnapshot | undefined): RatingsReport {
  const rows = snapshot?.ratings ?? [];
  const bt = of(rows, 'bradley_terry');
  const styleRows = of(rows, 'style_control');
  const coefficients = (snapshot?.effects ?? []).map((e: EffectSnapshot) => ({ feature: e.feature, coef: e.coef, se: e.se, ci_low: e.ci_low, ci_high: e.ci_high }));
  return {
    scope,
    computed_at: snapshot ? new Date(snapshot.computedAt).toISOString() : null,
    votes: snapshot?.votes ?? 0,
    gradient_norm: bt[0]?.gradient_norm ?? null,
    models: byRating(bt.map((r) => ({ model: r.model, rating: r.rating, ci_low: r.ci_low, ci_high: r.ci_high, rank: r.rank, votes: r.votes }))),
    elo: byRating(of(rows, 'elo').map((r) => ({ model: r.model, rating: r.rating, votes: r.votes }))),
    style: snapshot && snapshot.styleVotes > 0
      ? {
          votes: snapshot.styleVotes,
          gradient_norm: styleRows[0]?.gradient_norm ?? null,
          models: byRating(styleRows.map((r) => ({ model: r.model, rating: r.rating, rank: r.rank, votes: r.votes }))),
          coefficients,
        }
      : null,
  };
}
