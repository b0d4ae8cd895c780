import type { SignalEngineConfig } from '../config';
import { FOLLOW_UP_LABELS } from '../follow-up/follow-up-label';
import type { SignalKind } from '../signal-kinds';
import { unpackHashes } from '../text/packed-hashes';
import { promptSimilarity } from '../text/prompt-sketch';
import { bloomHas } from '../text/word-bloom';
import type { ConversationState } from './conversation-state';
import type { OutputCollector } from './output-collector';
import * as turnState from './turn-state';

// Read once at load: under CommonJS interop (tsx) every access to an imported binding is a getter call.
const { has, raiseSignal } = turnState;
const { LINKED, REGENERATION } = turnState.TURN_FLAGS;

/**
 * Reads the prompt of turns[at] as the user's reaction to the response just before it: follow-up class,
 * rephrase, topic pivot. Called only once the watermark has passed the turn, so no earlier turn can
 * still arrive and the predecessor is final (no retractions). A regeneration is not a new message and
 * links to nothing (its regenerate signal was applied on arrival). Afterwards the predecessor's prompt sketch and word filter are dropped: no other
 * prompt will be compared with them.
 */
export function linkFollowUp(conversation: ConversationState, at: number, config: SignalEngineConfig, out: OutputCollector): void {
  const turn = conversation.turns[at];
  turn.flags |= LINKED;
  const previous = at > 0 ? conversation.turns[at - 1] : undefined;
  const eventId = turn.eventId;
  turn.eventId = '';
  if (!previous) return;
  if (has(turn, REGENERATION)) return dropSketches(previous);
  const signals: [SignalKind, number][] = [];
  const label = FOLLOW_UP_LABELS[turn.followUp];
  if (label !== 'none') signals.push([`followup_${label}`, turn.followUpConfidence]);
  const mine = unpackHashes(turn.promptSketch);
  const similarity = promptSimilarity(mine, unpackHashes(previous.promptSketch));
  if (label !== 'gratitude' && similarity >= config.rephraseThreshold) signals.push(['rephrase', similarity]);
  else if (label === 'none' && similarity === 0 && isPivot(mine, previous.responseWords, config)) signals.push(['topic_pivot', 1]);
  for (const [kind, value] of signals) if (raiseSignal(previous, kind, value)) out.signal(conversation, previous, kind, eventId, turn.ts);
  dropSketches(previous);
}

/** Once turns[at] is linked, turns[at - 1] can never be the predecessor of a later-linked turn. */
function dropSketches(turn: { promptSketch: string; responseWords: string }): void {
  turn.promptSketch = '';
  turn.responseWords = '';
}

/** Enough content words, and few of them among the previous response's words. */
function isPivot(words: readonly number[], responseWords: string, config: SignalEngineConfig): boolean {
  if (words.length < config.pivotMinContentWords) return false;
  const shared = words.filter((h) => bloomHas(responseWords, h)).length;
  return shared / words.length <= config.pivotMaxSharedWithResponse;
}
