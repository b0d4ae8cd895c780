import type { PrefEvent } from '@prefstream/events';
import type { SignalEngineConfig } from '../config';
import type { LateReason, ResponseUpdate, SignalOutput } from '../outputs';
import { implicitReward } from '../reward/implicit-reward';
import { SIGNAL_KINDS, type SignalKind } from '../signal-kinds';
import type { ConversationState } from './conversation-state';
import * as turnState from './turn-state';
import type { TurnState } from './turn-state';

// Read once at load: under CommonJS interop (tsx) every access to an imported binding is a getter call.
const { has } = turnState;
const { COMMENTED, DIRTY, FLAGGED, REACTED } = turnState.TURN_FLAGS;

/** Builds output rows from engine state, in the order the engine produces them. */
export class OutputCollector {
  readonly outputs: SignalOutput[] = [];

  constructor(private readonly config: SignalEngineConfig) {}

  signal(conversation: ConversationState, turn: TurnState, kind: SignalKind, eventId: string, ts: number): void {
    const { polarity } = SIGNAL_KINDS[kind];
    const weight = this.config.reward.mode === 'hand' ? this.config.reward.weights[kind] : SIGNAL_KINDS[kind].weight;
    if (ts > turn.updatedTs) turn.updatedTs = ts;
    this.outputs.push({
      type: 'signal',
      row: {
        event_id: eventId,
        tenant: conversation.tenant,
        conversation_id: conversation.id,
        turn_id: turn.id,
        model: turn.model,
        model_version: turn.modelVersion,
        variant: turn.variant, // undefined when absent: one object shape for every row (JSON drops it)
        kind,
        value: turn.signals[kind] ?? 0,
        weight,
        polarity,
        ts,
      },
    });
  }

  late(event: PrefEvent, reason: LateReason, latenessMs: number): void {
    this.outputs.push({ type: 'late', row: { reason, event, lateness_ms: latenessMs } });
  }

  /** One ResponseUpdate per changed turn of the conversation. */
  updates(conversation: ConversationState): void {
    for (const turn of conversation.turns) if (has(turn, DIRTY)) this.response(conversation, turn, false);
  }

  /** The last update of a turn leaving the state. */
  final(conversation: ConversationState, turn: TurnState): void {
    this.response(conversation, turn, true);
  }

  private response(conversation: ConversationState, turn: TurnState, final: boolean): void {
    turn.flags &= ~DIRTY;
    turn.version++;
    // A spread copies own keys in order like the for-in loop did, through V8's object-clone fast path.
    const signals: Record<string, number> = { ...turn.signals } as Record<string, number>;
    // One object shape for every row (optional fields present, undefined when absent; JSON drops them):
    // this runs for every change of every turn.
    const row: ResponseUpdate = {
      tenant: conversation.tenant,
      conversation_id: conversation.id,
      turn_id: turn.id,
      model: turn.model,
      model_version: turn.modelVersion,
      variant: turn.variant,
      user_id: conversation.userId,
      ts: turn.ts,
      updated_ts: turn.updatedTs,
      signals,
      implicit_reward: implicitReward(signals, this.config.reward),
      explicit: {
        thumbs: turn.thumbs,
        rating: turn.rating < 0 ? null : turn.rating,
        flagged: has(turn, FLAGGED),
        reacted: has(turn, REACTED),
        commented: has(turn, COMMENTED),
      },
      version: turn.version,
      final,
      tags: turn.tags,
    };
    this.outputs.push({ type: 'response', row });
  }
}
