/**
 * Rows the processor emits, one interface per ClickHouse table it feeds. They are plain data so the
 * domain stays free of storage code; libs/clickhouse validates them against its zod row schemas.
 * Times are epoch milliseconds (DateTime64(3) columns).
 */
export interface RawEventRow {
  event_id: string;
  type: string;
  tenant: string;
  conversation_id: string;
  user_hash: string;
  ts: number;
  ingested_at: number;
  source: string;
  /** The event as JSON, with `user_id` replaced by its pseudonym. */
  payload: string;
}

export interface RejectedEventRow {
  reason: string;
  message: string;
  /** The original bytes, base64, so the record can be inspected and replayed exactly. */
  raw_base64: string;
  raw_bytes: number;
  source: string;
  ingested_at: number;
}

/** `kafka:topic/partition@offset` or `file:path:line`: where a record came from, as one string. */
export function sourceOf(position: { kind: 'file'; path: string; line: number } | { kind: 'kafka'; topic: string; partition: number; offset: string }): string {
  return position.kind === 'kafka' ? `kafka:${position.topic}/${position.partition}@${position.offset}` : `file:${position.path}:${position.line}`;
}

/** Which model (and A/B arm) of which tenant a row is about: the leading columns of several tables. */
export interface ModelColumns {
  tenant: string;
  model: string;
  model_version: string;
  /** A/B arm, '' when none. */
  variant: string;
}

/** The current state of one response (signals, reward, explicit feedback): `responses`, highest version wins. */
export interface ResponseRow extends ModelColumns {
  turn_id: string;
  conversation_id: string;
  user_hash: string;
  segment: string;
  ts: number;
  updated_ts: number;
  signals: Record<string, number>;
  implicit_reward: number;
  /** Latest thumbs: 1, -1, or 0 when none. */
  thumbs: number;
  /** Latest rating rescaled to [0, 1], or -1 when none. */
  rating: number;
  flagged: 0 | 1;
  reacted: 0 | 1;
  commented: 0 | 1;
  /** 1 on the last row of a turn: nothing changes after it. */
  final: 0 | 1;
  version: number;
}

/** Features and classifier scores of a turn, written once when it arrives: `response_features`. */
export interface ResponseFeaturesRow extends ModelColumns {
  turn_id: string;
  conversation_id: string;
  segment: string;
  ts: number;
  prompt_chars: number;
  response_chars: number;
  latency_ms: number;
  features: Record<string, number>;
  categories: Record<string, string>;
  scores: Record<string, number>;
}

/** One piece of implicit evidence about a turn: `signals`. */
export interface SignalTableRow {
  tenant: string;
  model: string;
  model_version: string;
  kind: string;
  turn_id: string;
  conversation_id: string;
  event_id: string;
  value: number;
  weight: number;
  polarity: number;
  ts: number;
}

/** A pairwise vote with the models resolved and the style differences (A-B)/(A+B+1): `votes`. */
export interface VoteRow {
  tenant: string;
  vote_id: string;
  conversation_id: string;
  user_hash: string;
  segment: string;
  model_a: string;
  model_b: string;
  winner: 'a' | 'b' | 'tie' | 'both_bad';
  anonymous: 0 | 1;
  feature_diffs: Record<string, number>;
  ts: number;
}

/** An event that reached no signal (too late, or about a turn not in state): `late_events`. */
export interface LateEventRow {
  tenant: string;
  event_id: string;
  conversation_id: string;
  type: string;
  reason: string;
  lateness_ms: number;
  ts: number;
  ingested_at: number;
}

/** The partial aggregate of one (tenant, model, model_version, variant, minute) from one slice: `minute_aggregates`. */
export interface MinuteAggregateRow extends ModelColumns {
  minute: number;
  responses: number;
  thumbs_up: number;
  thumbs_down: number;
  rating_sum: number;
  rating_sumsq: number;
  rating_count: number;
  rating_positive: number;
  reward_sum: number;
  reward_sumsq: number;
  reward_count: number;
  votes_won: number;
  votes_lost: number;
  votes_tie: number;
  votes_both_bad: number;
  reactions: number;
  flags: number;
  comments: number;
  signal_counts: Record<string, number>;
  feature_sums: Record<string, number>;
  feature_sumsqs: Record<string, number>;
  feature_counts: Record<string, number>;
  latency_sketch: Record<string, number>;
  length_sketch: Record<string, number>;
  reward_by_sums: Record<string, number>;
  reward_by_sumsqs: Record<string, number>;
  reward_by_counts: Record<string, number>;
}
