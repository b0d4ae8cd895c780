import { runNamedQuery, type Store } from '@prefstream/clickhouse';
import type { EffectSnapshotRow, MonitorMinute, RatingSnapshotRow } from '@prefstream/monitors';

/** ClickHouse's JSON output quotes 64-bit integers; the monitors want numbers. */
const numbers = (map: Record<string, number | string> | undefined): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const key in map) out[key] = Number(map[key]);
  return out;
};

type RawMinute = Record<string, unknown> & { tenant: string; model: string; model_version: string };

function toMonitorMinute(r: RawMinute): MonitorMinute {
  const n = (key: string) => Number(r[key]);
  const m = (key: string) => numbers(r[key] as Record<string, number | string>);
  return {
    tenant: r.tenant, model: r.model, model_version: r.model_version, minute_ms: n('minute_ms'),
    responses: n('responses'), thumbs_up: n('thumbs_up'), thumbs_down: n('thumbs_down'),
    reward_sum: n('reward_sum'), reward_sumsq: n('reward_sumsq'), reward_count: n('reward_count'),
    signal_counts: m('signal_counts'), feature_sums: m('feature_sums'), feature_sumsqs: m('feature_sumsqs'), feature_counts: m('feature_counts'),
    reward_by_sums: m('reward_by_sums'), reward_by_sumsqs: m('reward_by_sumsqs'), reward_by_counts: m('reward_by_counts'),
  };
}

/** Every tenant's merged minutes in [from, to), oldest first. */
export async function readMonitorMinutes(store: Store, from: number, to: number): Promise<MonitorMinute[]> {
  if (to <= from) return [];
  return (await runNamedQuery<RawMinute>(store, 'monitorMinutes', { from, to })).map(toMonitorMinute);
}

/** The newest minute with aggregates, or undefined when there are none. */
export async function readLatestMinute(store: Store): Promise<number | undefined> {
  const [row] = await runNamedQuery<{ minute_ms: string | number; parts: string | number }>(store, 'latestAggregateMinute', {});
  return row && Number(row.parts) > 0 ? Number(row.minute_ms) : undefined;
}


/** Numbers where ClickHouse quotes them, and `computed_at_ms` back to `computed_at`. */
const numeric = <T>(row: Record<string, unknown>, keys: readonly string[]): T => {
  const { computed_at_ms, ...rest } = row;
  const out: Record<string, unknown> = { ...rest, computed_at: computed_at_ms };
  for (const key of keys) out[key] = Number(out[key]);
  return out as T;
};

/** Effect snapshots computed in (after, until], oldest first. */
export async function readEffectSnapshots(store: Store, after: number, until: number): Promise<EffectSnapshotRow[]> {
  const rows = await runNamedQuery(store, 'effectSnapshotsBetween', { after, until });
  return rows.map((r) => numeric<EffectSnapshotRow>(r, ['computed_at', 'coef', 'se', 'ci_low', 'ci_high', 'n']));
}

/** Rating snapshots computed in (after, until], oldest first. */
export async function readRatingSnapshots(store: Store, after: number, until: number): Promise<RatingSnapshotRow[]> {
  const rows = await runNamedQuery(store, 'ratingSnapshotsBetween', { after, until });
  return rows.map((r) => numeric<RatingSnapshotRow>(r, ['computed_at', 'rating', 'ci_low', 'ci_high', 'rank', 'votes']));
}

/** The subset of `ids` already in the alerts table. */
export async function readStoredAlertIds(store: Store, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await runNamedQuery<{ alert_id: string }>(store, 'storedAlertIds', { ids });
  return new Set(rows.map((r) => r.alert_id));
}

/** `tenant\nmonitor\nsubject` -> the newest computed_at stored since `since`. */
export async function readLatestDriftStats(store: Store, since: number): Promise<Map<string, number>> {
  const rows = await runNamedQuery<{ tenant: string; monitor: string; subject: string; computed_at_ms: string | number }>(store, 'latestDriftStats', { since });
  return new Map(rows.map((r) => [driftStatKey(r), Number(r.computed_at_ms)]));
}

export const driftStatKey = (r: { tenant: string; monitor: string; subject: string }) => `${r.tenant}\n${r.monitor}\n${r.subject}`;
