// Event builders for the signals specs: valid contract-v1 events with readable defaults.
import type { FeedbackEvent, InteractionEvent, PrefEvent, TurnEvent } from '@prefstream/events';

export const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
export const SEC = 1000;
export const MIN = 60 * SEC;
const iso = (ms: number) => new Date(ms).toISOString();
let sequence = 0;
export const resetIds = () => (sequence = 0);

const envelope = (conversation: string, at: number, eventId?: string) => ({
  schema_version: 1 as const,
  event_id: eventId ?? `e${++sequence}`,
  ts: iso(at),
  tenant: 'acme',
  conversation_id: conversation,
  user_id: 'u1',
});

export function turn(conversation: string, turnId: string, at: number, fields: Partial<TurnEvent> = {}): TurnEvent {
  return {
    ...envelope(conversation, at, fields.event_id),
    type: 'turn',
    turn_id: turnId,
    prompt: 'How do I reverse a list in Python?',
    response: 'Use my_list[::-1] or my_list.reverse(); the first returns a copy, the second reverses in place.',
    model: 'acme-chat',
    model_version: 'v1',
    ...fields,
  } as TurnEvent;
}

type Action = InteractionEvent['action'];
export function interaction(conversation: string, turnId: string, at: number, action: Action, fields: Record<string, unknown> = {}): InteractionEvent {
  return { ...envelope(conversation, at, fields.event_id as string | undefined), type: 'interaction', turn_id: turnId, action, ...fields } as InteractionEvent;
}

export function thumbs(conversation: string, turnId: string, at: number, value: 1 | -1, eventId?: string): FeedbackEvent {
  return { ...envelope(conversation, at, eventId), type: 'feedback', turn_id: turnId, kind: 'thumbs', value } as FeedbackEvent;
}

export function rating(conversation: string, turnId: string, at: number, value: number): FeedbackEvent {
  return { ...envelope(conversation, at), type: 'feedback', turn_id: turnId, kind: 'rating', value, scale_min: 1, scale_max: 5 } as FeedbackEvent;
}

export const byTime = (events: readonly PrefEvent[]) => [...events].sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
