import type { PrefEvent } from '@prefstream/events';
import type { SignalEngineConfig } from '../config';
import type { LateReason, ResponseUpdate, SignalOutput } from '../outputs';
import { implicitReward } from '../reward/implicit-reward';
import { SIGNAL_KINDS, type SignalKind } from '../signal-kinds';
import type { ConversationState } from './conversation-state';
import { COMMENTED, DIRTY, FLAGGED, has, REACTED, type TurnState } from './turn-state';

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
        ...(turn.variant === undefined ? {} : { variant: turn.variant }),
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
    const signals = { ...turn.signals } as Record<string, number>;
    const row: ResponseUpdate = {
      tenant: conversation.tenant,
      conversation_id: conversation.id,
      turn_id: turn.id,
      model: turn.model,
      model_version: turn.modelVersion,
      ...(turn.variant === undefined ? {} : { variant: turn.variant }),
      ...(conversation.userId === undefined ? {} : { user_id: conversation.userId }),
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
    };
    this.outputs.push({ type: 'response', row });
  }
}
