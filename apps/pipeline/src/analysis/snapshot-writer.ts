import { assertRowsFit, type Store } from '@prefstream/clickhouse';
import type { EffectSnapshot, RatingSnapshot } from '@prefstream/stats';

/** Inserts snapshot rows after checking them against the table's row schema (a misfit is a bug: throw). */
export async function writeSnapshots(store: Store, table: 'rating_snapshots', rows: readonly RatingSnapshot[]): Promise<void>;
export async function writeSnapshots(store: Store, table: 'effect_snapshots', rows: readonly EffectSnapshot[]): Promise<void>;
export async function writeSnapshots(store: Store, table: 'rating_snapshots' | 'effect_snapshots', rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  assertRowsFit(table, rows);
  await store.insert(table, rows);
}
