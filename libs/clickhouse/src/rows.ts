import { PrefstreamError } from '@prefstream/errors';
import { z } from 'zod';

/**
 * Row types of the tables writers insert into, checked before insert: a row that does not fit its table
 * is a programming error and fails loudly (non-retriable) instead of being coerced by the server.
 * Times are epoch milliseconds; 64-bit offsets are decimal strings.
 */
const ms = z.number().int().nonnegative();
const str = z.string();
const num = z.number().refine(Number.isFinite, 'must be finite');
const offset = z.string().regex(/^\d+$/);
const numMap = z.record(z.string(), num);
const countMap = z.record(z.string(), z.number().int().nonnegative());
const count = z.number().int().nonnegative();
const flag = z.number().int().min(0).max(1);

export const ROW_SCHEMAS = {
  raw_events: z.object({ event_id: str, type: str, tenant: str, conversation_id: str, user_hash: str, ts: ms, ingested_at: ms, source: str, payload: str }),
  rejected_events: z.object({ reason: str, message: str, raw_base64: str, raw_bytes: z.number().int().nonnegative(), source: str, ingested_at: ms }),
  pipeline_checkpoints: z.object({ consumer_group: str, topic: str, partition: z.number().int().nonnegative(), kind: z.enum(['range', 'snapshot']), from_offset: offset, to_offset: offset, idle_watermark_ms: z.number().int(), state: str, written_at: ms }),
  responses: z.object({
    tenant: str, model: str, model_version: str, variant: str, turn_id: str, conversation_id: str, user_hash: str, segment: str, ts: ms, updated_ts: ms,
    signals: numMap, implicit_reward: num.refine((r) => r >= -1 && r <= 1, 'reward must be in [-1, 1]'),
    thumbs: z.number().int().min(-1).max(1), rating: num, flagged: flag, reacted: flag, commented: flag, final: flag, version: z.number().int().nonnegative(),
  }),
  response_features: z.object({
    tenant: str, model: str, model_version: str, variant: str, turn_id: str, conversation_id: str, segment: str, ts: ms,
    prompt_chars: count, response_chars: count, latency_ms: num, features: numMap, categories: z.record(z.string(), z.string()), scores: numMap,
  }),
  late_events: z.object({ tenant: str, event_id: str, conversation_id: str, type: str, reason: str, lateness_ms: count, ts: ms, ingested_at: ms }),
  signals: z.object({ tenant: str, model: str, model_version: str, kind: str, turn_id: str, conversation_id: str, event_id: str, value: num, weight: num, polarity: z.number().int().min(-1).max(1), ts: ms }),
  votes: z.object({ tenant: str, vote_id: str, conversation_id: str, user_hash: str, segment: str, model_a: str, model_b: str, winner: z.enum(['a', 'b', 'tie', 'both_bad']), anonymous: z.number().int().min(0).max(1), feature_diffs: numMap, ts: ms }),
  minute_aggregates: z.object({
    tenant: str, model: str, model_version: str, variant: str, minute: z.number().int().nonnegative().refine((m) => m % 60000 === 0, 'minute must be a whole minute in ms'),
    responses: count, thumbs_up: count, thumbs_down: count,
    rating_sum: num, rating_sumsq: num, rating_count: count, rating_positive: count, reward_sum: num, reward_sumsq: num, reward_count: count,
    votes_won: count, votes_lost: count, votes_tie: count, votes_both_bad: count, reactions: count, flags: count, comments: count,
    signal_counts: countMap, feature_sums: numMap, feature_sumsqs: numMap, feature_counts: countMap, latency_sketch: countMap, length_sketch: countMap,
    reward_by_sums: numMap, reward_by_sumsqs: numMap, reward_by_counts: countMap,
  }),
  rating_snapshots: z.object({ computed_at: ms, scope: str, method: str, model: str, rating: num, ci_low: num, ci_high: num, rank: z.number().int().nonnegative(), votes: z.number().int().nonnegative(), gradient_norm: num }),
  effect_snapshots: z.object({ computed_at: ms, target: str, segment: str, window: str, feature: str, coef: num, se: num, ci_low: num, ci_high: num, n: z.number().int().nonnegative() }),
  drift_stats: z.object({ computed_at: ms, tenant: str, monitor: str, subject: str, statistic: num, threshold: num, drifted: z.number().int().min(0).max(1), details: str }),
  alerts: z.object({ alert_id: str, raised_at: ms, tenant: str, severity: z.enum(['info', 'warning', 'critical']), monitor: str, subject: str, message: str, details: str }),
  reward_calibration: z.object({ computed_at: ms, tenant: str, signal: str, weight: num, n: z.number().int().nonnegative(), auc: num }),
} as const;

export type TableName = keyof typeof ROW_SCHEMAS;
export type RowOf<T extends TableName> = z.infer<(typeof ROW_SCHEMAS)[T]>;
export const isKnownTable = (table: string): table is TableName => Object.hasOwn(ROW_SCHEMAS, table);

/**
 * Throws (not retriable: a misfit is a bug upstream, not an outage) when a row does not fit its table.
 * `code` lets a caller name the misfit in its own terms (INVALID_ALERT).
 */
export function assertRowsFit(table: TableName, rows: readonly object[], code = 'INVALID_ROW'): void {
  const schema = ROW_SCHEMAS[table];
  rows.forEach((row, i) => {
    const result = schema.safeParse(row);
    if (result.success) return;
    const issue = result.error.issues[0];
    throw new PrefstreamError(`row ${i} for ${table} is invalid: ${issue.path.join('.')}: ${issue.message}`, { code, retriable: false });
  });
}
