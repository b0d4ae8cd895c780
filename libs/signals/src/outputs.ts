import type { PrefEvent } from '@prefstream/events';
import type { SignalKind } from './signal-kinds';

/** One change of one signal on one response: the `signals` table. */
export interface SignalRow {
  /** The evidence event; `<turn_id>#abandon` for abandonment, which has no event. */
  event_id: string;
  tenant: string;
  conversation_id: string;
  turn_id: string;
  model: string;
  model_version: string;
  variant?: string;
  kind: SignalKind;
  /** The turn's value of this kind after the evidence (kinds are monotone: the latest row is the maximum). */
  value: number;
  weight: number;
  polarity: -1 | 0 | 1;
  /** Event time of the evidence, ms since epoch. */
  ts: number;
}

/** Explicit feedback on the response, kept beside the implicit signals so calibration can pair them. */
export interface ExplicitSummary {
  /** Latest thumbs by event time: 1, -1, or 0 when none. */
  thumbs: -1 | 0 | 1;
  /** Latest rating rescaled to [0, 1] ((value - min) / (max - min)), or null. */
  rating: number | null;
  flagged: boolean;
  reacted: boolean;
  commented: boolean;
}

/** The current state of one response: the `responses` table (one row per turn, highest version wins). */
export interface ResponseUpdate {
  tenant: string;
  conversation_id: string;
  turn_id: string;
  model: string;
  model_version: string;
  variant?: string;
  user_id?: string;
  /** Event time of the turn, ms since epoch. */
  ts: number;
  /** Event time of the latest evidence applied. */
  updated_ts: number;
  signals: Record<string, number>;
  implicit_reward: number;
  explicit: ExplicitSummary;
  /** Monotonic per turn: one more on every update emitted for it. */
  version: number;
  /** True on the last update of a turn, when it leaves the engine's state; nothing changes after it. */
  final: boolean;
  /** ProcessContext.tags given with the turn event (0 when none). */
  tags: number;
}

export type LateReason = 'late' | 'unknown_turn';

/**
 * An event that did not contribute to signals: `late` (event time before the watermark) or
 * `unknown_turn` (its turn never arrived within the allowed lateness, or left the state). Counted in
 * stats and emitted so it can be stored; nothing is dropped silently. An edit event that waited for its
 * turn carries `edited_text: ''` (its text is in raw_events; waiting state keeps only a sketch).
 */
export interface LateEvent {
  reason: LateReason;
  event: PrefEvent;
  /** How far before the watermark the event time was (0 for unknown_turn). */
  lateness_ms: number;
}

export type SignalOutput =
  | { type: 'signal'; row: SignalRow }
  | { type: 'response'; row: ResponseUpdate }
  | { type: 'late'; row: LateEvent };
