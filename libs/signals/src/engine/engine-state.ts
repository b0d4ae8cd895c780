import type { ConversationState } from './conversation-state';

/** Counters since the engine (or the state it was restored from) started. */
export interface SignalEngineCounters {
  /** Events applied (not late, not duplicates). */
  processed: number;
  /** Second deliveries of an event_id (and turn events repeating a known turn_id). */
  duplicates: number;
  /** Events before the watermark, emitted as LateEvent 'late'. */
  late: number;
  /** Evidence whose turn never arrived or had left the state, emitted as LateEvent 'unknown_turn'
   *  (plus regenerations whose source turn never arrived, which are not re-emitted: the turn itself was applied). */
  unknownTurn: number;
  /** Votes for conversations without open state (pairwise votes are not per-response signals). */
  ignoredVotes: number;
  /** Recent-id memories that overflowed maxRecentEventIds (dedup then falls back to monotone signals). */
  dedupOverflows: number;
  evictedConversations: number;
  evictedTurns: number;
}

export const zeroCounters = (): SignalEngineCounters => ({
  processed: 0, duplicates: 0, late: 0, unknownTurn: 0, ignoredVotes: 0, dedupOverflows: 0, evictedConversations: 0, evictedTurns: 0,
});

/**
 * The engine's checkpoint: plain JSON, stored with the Kafka offsets it covers. Replaying the same
 * events (and watermark ticks) from it yields the same outputs as the uninterrupted run.
 */
export interface SignalEngineState {
  version: 1;
  /** Highest event time seen (ms); the watermark is this minus allowedLatenessMs. */
  clockMs: number;
  /** Settings the stored state depends on; restoring under different ones is refused. */
  exactEditMaxChars: number;
  counters: SignalEngineCounters;
  conversations: Omit<ConversationState, 'timerGeneration'>[];
}

/** Event times are finite ms; this is below any valid one (the earliest Date), and JSON-safe. */
export const MIN_TIME = -8.64e15;
