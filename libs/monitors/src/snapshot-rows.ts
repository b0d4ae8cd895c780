/**
 * The snapshot rows the preference monitors read, as the monitors' ClickHouse queries return them
 * (tables effect_snapshots and rating_snapshots; times epoch ms), and how they group into snapshots.
 */
export interface EffectSnapshotRow {
  computed_at: number;
  /** What was regressed: 'vote', 'thumbs', 'style_control'. */
  target: string;
  /** 'global', 'tenant:acme', 'model:m1', 'segment:x', 'user:<hash>' (style_control: the rating scope). */
  segment: string;
  /** 'cumulative' or e.g. 'sliding:60m'. */
  window: string;
  feature: string;
  /** Log-odds of being preferred per standardised unit of the feature difference. */
  coef: number;
  se: number;
  /** 95% interval. */
  ci_low: number;
  ci_high: number;
  /** Votes (rows) in the fit. */
  n: number;
}

export interface RatingSnapshotRow {
  computed_at: number;
  /** 'global', 'tenant:acme', with '/anonymous' for blind votes only. */
  scope: string;
  /** 'bradley_terry', 'style_control', 'elo'. */
  method: string;
  model: string;
  rating: number;
  /** Bootstrap interval; equal to the rating for methods without one. */
  ci_low: number;
  ci_high: number;
  rank: number;
  /** Votes the model took part in. */
  votes: number;
}

export interface Snapshot<T> {
  computedAt: number;
  rows: T[];
}

/** Rows grouped by computed_at, oldest first (rows keep their order within a snapshot). */
export function snapshotsOf<T extends { computed_at: number }>(rows: readonly T[]): Snapshot<T>[] {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.computed_at);
    if (group) group.push(row);
    else groups.set(row.computed_at, [row]);
  }
  return [...groups].sort((a, b) => a[0] - b[0]).map(([computedAt, group]) => ({ computedAt, rows: group }));
}
