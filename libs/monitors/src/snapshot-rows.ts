import type { EffectSnapshot, RatingSnapshot } from '@prefstream/stats';

/**
 * The snapshot rows the preference monitors read, as the monitors' ClickHouse queries return them
 * (tables effect_snapshots and rating_snapshots; times epoch ms), and how they group into snapshots.
 */
/** An effect_snapshots row (libs/stats writes them): coefficients of standardised feature differences with 95% intervals. */
export type EffectSnapshotRow = EffectSnapshot;

/** A rating_snapshots row as the monitors read it (without the fit's gradient norm). */
export type RatingSnapshotRow = Omit<RatingSnapshot, 'gradient_norm'>;

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
