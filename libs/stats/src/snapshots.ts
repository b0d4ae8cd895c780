/**
 * Plain rows the storage layer writes (tables rating_snapshots and effect_snapshots; times are epoch
 * milliseconds). Only finite numbers appear: a model or feature without an estimate is left out.
 */
export type RatingMethod = 'bradley_terry' | 'style_control' | 'elo';

export interface RatingSnapshot {
  computed_at: number;
  /** What the ratings are over, e.g. 'tenant:acme' or 'global'. */
  scope: string;
  method: RatingMethod;
  model: string;
  rating: number;
  /** Bootstrap percentile interval; equal to rating for methods without one (elo, style_control). */
  ci_low: number;
  ci_high: number;
  /** 1 + number of models whose interval lies entirely above (elo: plain order by rating). */
  rank: number;
  votes: number;
  /** Gradient norm at the fit (0 for elo, which is not a fit). */
  gradient_norm: number;
}

export interface EffectSnapshot {
  computed_at: number;
  /** What was regressed: 'vote' (pairwise outcome), 'thumbs', 'style_control'. */
  target: string;
  segment: string;
  /** 'cumulative' or e.g. 'sliding:60m'. */
  window: string;
  feature: string;
  coef: number;
  se: number;
  ci_low: number;
  ci_high: number;
  n: number;
}

export const isFiniteRow = (row: object): boolean =>
  Object.values(row).every((v) => typeof v !== 'number' || Number.isFinite(v));
