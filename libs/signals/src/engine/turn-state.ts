import type { SignalKind } from '../signal-kinds';

/** Bits of TurnState.flags (one number instead of eight booleans: 8 bytes instead of 64 per turn). */
export const TURN_FLAGS = {
  LINKED: 1, // this turn's prompt was attached (as a follow-up) to its predecessor, or has none
  ACTIVITY: 2, // user activity within the abandonment gap after it (or on it): not abandoned
  ABANDON_DECIDED: 4,
  DIRTY: 8, // changed since the last ResponseUpdate
  FLAGGED: 16,
  REACTED: 32,
  COMMENTED: 64,
  REGENERATION: 128, // this turn regenerated another: not a new user message
} as const;
const { DIRTY } = TURN_FLAGS;

/**
 * What the engine keeps of one response. No texts beyond `exactEditMaxChars`: sketches instead, and
 * they are dropped as soon as nothing can need them (see link-follow-up.ts).
 */
export interface TurnState {
  id: string;
  /** event_id of the turn event: the evidence of follow-up signals on its predecessor. '' once linked. */
  eventId: string;
  ts: number;
  /** turn_index, or -1. */
  index: number;
  model: string;
  modelVersion: string;
  variant: string | undefined;
  /** turn_id this turn regenerated, until that turn is found (then the regenerate signal is applied). */
  regeneratedFrom: string | undefined;
  responseChars: number;
  /** The response when short, else its packed edit sketch (editReference). */
  editRef: string;
  /** Packed content-word sketch of the prompt; '' once no later prompt can be compared with it. */
  promptSketch: string;
  /** Bloom filter of the response's content words; '' once the next prompt was linked. */
  responseWords: string;
  /** Index in FOLLOW_UP_LABELS of this turn's prompt read as a follow-up, and its confidence. */
  followUp: number;
  followUpConfidence: number;
  flags: number;
  signals: Partial<Record<SignalKind, number>>;
  /** Latest thumbs and rating by event time (ties: the lower value). ratingValue -1 = none. */
  thumbs: -1 | 0 | 1;
  thumbsAt: number;
  rating: number;
  ratingAt: number;
  /** Event time of the latest evidence applied. */
  updatedTs: number;
  /** Version of the last ResponseUpdate emitted. */
  version: number;
  /** ProcessContext.tags of the turn event, echoed on its updates (0 when none). */
  tags: number;
}

export const has = (turn: TurnState, flag: number) => (turn.flags & flag) !== 0;

/** Orders turns by event time, then turn_index, then id: the order in which the user saw them. */
export function compareTurns(a: TurnState, b: TurnState): number {
  return a.ts - b.ts || a.index - b.index || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Raises a signal to `value` if that is more than it was (kinds are monotone). True if it changed. */
export function raiseSignal(turn: TurnState, kind: SignalKind, value: number): boolean {
  if (!(value > 0) || (turn.signals[kind] ?? 0) >= value) return false;
  turn.signals[kind] = value;
  turn.flags |= DIRTY;
  return true;
}
