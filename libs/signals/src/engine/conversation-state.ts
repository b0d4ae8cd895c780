import type { FeedbackEvent, InteractionEvent } from '@prefstream/events';
import { compareTurns, type TurnState } from './turn-state';

/** Feedback or an interaction whose turn has not arrived yet (out of order within the lateness). */
export interface PendingEvidence {
  event: FeedbackEvent | InteractionEvent;
  ts: number;
  /** For edits: the edited text's reference (text or sketch, see editReference) and length. */
  editRef?: string;
  editChars?: number;
}

/** One open conversation (session): its recent turns, dedup memory and waiting evidence. */
export interface ConversationState {
  tenant: string;
  id: string;
  userId: string | undefined;
  /** Ascending by compareTurns; at most maxTurnsPerConversation settled ones. */
  turns: TurnState[];
  /** Highest event time of the session. */
  lastTs: number;
  /** Flat [idHash, ts, activity(0|1)] triples of recent events, for dedup and late-turn activity. */
  recent: number[];
  pending: PendingEvidence[] | undefined;
  /** Generation of the conversation's current timer entry (stale heap entries carry an older one). */
  timerGeneration: number;
}

export function insertTurn(conversation: ConversationState, turn: TurnState): number {
  const turns = conversation.turns;
  let at = turns.length;
  while (at > 0 && compareTurns(turns[at - 1], turn) > 0) at--;
  turns.splice(at, 0, turn);
  return at;
}

export function findTurn(conversation: ConversationState, turnId: string): TurnState | undefined {
  // A loop, not Array.find: no closure per lookup (this runs for every feedback, interaction and turn event).
  const turns = conversation.turns;
  for (let i = 0; i < turns.length; i++) if (turns[i].id === turnId) return turns[i];
  return undefined;
}
