import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openStore, runNamedQuery, type RowOf, type Store } from '@prefstream/clickhouse';
import type { DashboardQueryRunner } from '../src/queries';

export const MINUTE = 60_000;

/** A migrated embedded store in a fresh directory. */
export async function temporaryStore(prefix: string): Promise<{ store: Store; dispose: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const store = await openStore({ kind: 'embedded', dataDir: path.join(dir, 'store') });
  await migrate(store);
  return { store, dispose: async () => { await store.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** The runner the callers bind: every query named, parameterised, read-only. */
export const runnerOf = (store: Store): DashboardQueryRunner => (name, params) => runNamedQuery(store, name, params);

const moments = (values: readonly number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumsq: values.reduce((a, b) => a + b * b, 0) });

export interface AggregateSpec {
  tenant: string;
  model: string;
  version: string;
  variant?: string;
  minute: number;
  responses: number;
  up?: number;
  down?: number;
  rewards?: readonly number[];
  ratings?: readonly number[];
  signals?: Record<string, number>;
  /** Rewards of responses by condition key (refuses, complies, toxic, non_toxic, tokens:<bucket>). */
  rewardBy?: Record<string, readonly number[]>;
  votes?: { won?: number; lost?: number; tie?: number; both_bad?: number };
  flags?: number;
}

/** One minute_aggregates partial built from the raw values it summarises. */
export function aggregateRow(spec: AggregateSpec): RowOf<'minute_aggregates'> {
  const reward = moments(spec.rewards ?? []);
  const rating = moments(spec.ratings ?? []);
  const by = Object.entries(spec.rewardBy ?? {}).map(([k, v]) => [k, moments(v)] as const);
  return {
    tenant: spec.tenant, model: spec.model, model_version: spec.version, variant: spec.variant ?? '', minute: spec.minute,
    responses: spec.responses, thumbs_up: spec.up ?? 0, thumbs_down: spec.down ?? 0,
    rating_sum: rating.sum, rating_sumsq: rating.sumsq, rating_count: rating.n, rating_positive: (spec.ratings ?? []).filter((r) => r > 0.5).length,
    reward_sum: reward.sum, reward_sumsq: reward.sumsq, reward_count: reward.n,
    votes_won: spec.votes?.won ?? 0, votes_lost: spec.votes?.lost ?? 0, votes_tie: spec.votes?.tie ?? 0, votes_both_bad: spec.votes?.both_bad ?? 0,
    reactions: 0, flags: spec.flags ?? 0, comments: 0,
    signal_counts: spec.signals ?? {}, feature_sums: {}, feature_sumsqs: {}, feature_counts: {}, latency_sketch: {}, length_sketch: {},
    reward_by_sums: Object.fromEntries(by.map(([k, m]) => [k, m.sum])),
    reward_by_sumsqs: Object.fromEntries(by.map(([k, m]) => [k, m.sumsq])),
    reward_by_counts: Object.fromEntries(by.map(([k, m]) => [k, m.n])),
  };
}

/** Mean and normal 95% interval of a list, computed the textbook way (two passes). */
export function meanAndInterval(values: readonly number[]): { mean: number; low: number; high: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  const half = (1.959963984540054 * sd) / Math.sqrt(values.length);
  return { mean, low: Math.max(-1, mean - half), high: Math.min(1, mean + half) };
}
