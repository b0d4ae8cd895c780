import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RowOf } from '@prefstream/clickhouse';

export const MINUTE = 60_000;
export const ROOT = path.join(__dirname, '..', '..', '..');
export const PREFSTREAM_BIN = path.join(ROOT, 'apps', 'pipeline', 'bin', 'prefstream.js');

export const temporaryDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** One minute_aggregates partial: counts as given, reward moments from the listed rewards. */
export function aggregateRow(spec: { tenant: string; model: string; version: string; minute: number; responses: number; up: number; down: number; rewards?: readonly number[]; signals?: Record<string, number> }): RowOf<'minute_aggregates'> {
  const rewards = spec.rewards ?? [];
  return {
    tenant: spec.tenant, model: spec.model, model_version: spec.version, variant: '', minute: spec.minute,
    responses: spec.responses, thumbs_up: spec.up, thumbs_down: spec.down,
    rating_sum: 0, rating_sumsq: 0, rating_count: 0, rating_positive: 0,
    reward_sum: rewards.reduce((a, b) => a + b, 0), reward_sumsq: rewards.reduce((a, b) => a + b * b, 0), reward_count: rewards.length,
    votes_won: 0, votes_lost: 0, votes_tie: 0, votes_both_bad: 0, reactions: 0, flags: 0, comments: 0,
    signal_counts: spec.signals ?? {}, feature_sums: {}, feature_sumsqs: {}, feature_counts: {}, latency_sketch: {}, length_sketch: {},
    reward_by_sums: {}, reward_by_sumsqs: {}, reward_by_counts: {},
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}
