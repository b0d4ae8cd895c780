import type { SignalEngineConfig } from '../config';
import type { SignalKind } from '../signal-kinds';
import { editDistanceBetween, editReference } from '../text/edit-distance';
import type { ConversationState, PendingEvidence } from './conversation-state';
import type { OutputCollector } from './output-collector';
import * as turnState from './turn-state';
import type { TurnState } from './turn-state';

// Read once at load: under CommonJS interop (tsx) every access to an imported binding is a getter call.
const { raiseSignal } = turnState;
const { COMMENTED, DIRTY, FLAGGED, REACTED } = turnState.TURN_FLAGS;

/** The edit reference of an edit event's text, computed once (when it arrives). */
export function evidenceOf(event: PendingEvidence['event'], ts: number, config: SignalEngineConfig): PendingEvidence {
  if (event.type === 'interaction' && event.action === 'edit') {
    return { event, ts, editRef: editReference(event.edited_text, config.exactEditMaxChars), editChars: event.edited_text.length };
  }
  return { event, ts };
}

/**
 * Applies one piece of evidence to its (known) turn. Every effect is a monotone raise or a
 * last-writer-wins by event time, so the result does not depend on the order evidence arrives in.
 */
export function applyEvidence(conversation: ConversationState, turn: TurnState, evidence: PendingEvidence, config: SignalEngineConfig, out: OutputCollector): void {
  const { event, ts } = evidence;
  if (event.type === 'interaction') {
    const signal = interactionSignal(turn, evidence, config);
    if (signal && raiseSignal(turn, signal[0], signal[1])) out.signal(conversation, turn, signal[0], event.event_id, ts);
    return;
  }
  if (event.type !== 'feedback') return;
  if (applyExplicit(turn, event, ts)) {
    turn.flags |= DIRTY;
    if (ts > turn.updatedTs) turn.updatedTs = ts;
  }
}

/** The signal kind and value an interaction is evidence of, if any. */
function interactionSignal(turn: TurnState, evidence: PendingEvidence, config: SignalEngineConfig): [SignalKind, number] | undefined {
  const event = evidence.event;
  if (event.type !== 'interaction') return undefined;
  switch (event.action) {
    case 'regenerate': return ['regenerate', 1];
    case 'stop': return ['stop', 1];
    case 'share': return ['share', 1];
    case 'copy': return ['copy', turn.responseChars > 0 ? Math.min(1, event.copied_chars / turn.responseChars) : 1];
    case 'dwell': return ['dwell', event.dwell_ms / 1000];
    case 'edit': return ['edit', editDistanceBetween(turn.editRef, turn.responseChars, evidence.editRef ?? '', evidence.editChars ?? 0, config.exactEditMaxChars)];
    case 'close': return undefined;
  }
}

/** Explicit feedback: thumbs and rating are last-writer-wins by event time, the rest are flags. */
function applyExplicit(turn: TurnState, event: Extract<PendingEvidence['event'], { type: 'feedback' }>, ts: number): boolean {
  switch (event.kind) {
    case 'thumbs':
      if (!(ts > turn.thumbsAt || (ts === turn.thumbsAt && event.value < turn.thumbs))) return false;
      turn.thumbs = event.value;
      turn.thumbsAt = ts;
      return true;
    case 'rating': {
      const rating = (event.value - event.scale_min) / (event.scale_max - event.scale_min);
      if (!(ts > turn.ratingAt || (ts === turn.ratingAt && rating < turn.rating))) return false;
      turn.rating = rating;
      turn.ratingAt = ts;
      return true;
    }
    case 'flag': return setFlag(turn, FLAGGED);
    case 'reaction': return setFlag(turn, REACTED);
    case 'comment': return setFlag(turn, COMMENTED);
  }
}

function setFlag(turn: TurnState, flag: number): boolean {
  if ((turn.flags & flag) !== 0) return false;
  turn.flags |= flag;
  return true;
}
