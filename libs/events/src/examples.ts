import type { PrefEvent } from './event';

const envelope = { schema_version: 1 as const, ts: '2026-11-22T10:00:00.000Z', tenant: 'acme', conversation_id: 'conv-1', user_id: 'user-42' };

/** One valid event of each type and kind, as a producer would send them. Used in docs and tests. */
export const EXAMPLE_EVENTS: readonly PrefEvent[] = [
  { ...envelope, event_id: 'ev-turn-1', type: 'turn', turn_id: 'turn-1', turn_index: 0, prompt: 'How do I reverse a list in Python?', response: 'Use `my_list[::-1]` or `my_list.reverse()`.', model: 'acme-chat', model_version: '2026-11-01', variant: 'B', latency_ms: 812, prompt_tokens: 9, response_tokens: 14 },
  { ...envelope, event_id: 'ev-turn-2', type: 'turn', turn_id: 'turn-2', turn_index: 1, prompt: 'How do I reverse a list in Python?', response: 'You can call reversed(my_list).', model: 'acme-chat', model_version: '2026-11-01', regenerated_from: 'turn-1' },
  { ...envelope, event_id: 'ev-fb-1', type: 'feedback', turn_id: 'turn-2', kind: 'thumbs', value: 1 },
  { ...envelope, event_id: 'ev-fb-2', type: 'feedback', turn_id: 'turn-2', kind: 'rating', value: 4, scale_min: 1, scale_max: 5 },
  { ...envelope, event_id: 'ev-fb-3', type: 'feedback', turn_id: 'turn-2', kind: 'reaction', emoji: '❤️' },
  { ...envelope, event_id: 'ev-fb-4', type: 'feedback', turn_id: 'turn-1', kind: 'flag', reason: 'incorrect' },
  { ...envelope, event_id: 'ev-fb-5', type: 'feedback', turn_id: 'turn-1', kind: 'comment', text: 'It ignored my question.' },
  { ...envelope, event_id: 'ev-vote-1', type: 'vote', a: { turn_id: 'turn-1' }, b: { turn_id: 'turn-2' }, winner: 'b' },
  { ...envelope, event_id: 'ev-vote-2', type: 'vote', prompt: 'Write a haiku about rain', a: { model: 'model-x', response: 'Rain on the tin roof...' }, b: { model: 'model-y', model_version: 'v3', response: 'Grey sky, soft patter...' }, winner: 'both_bad' },
  { ...envelope, event_id: 'ev-ix-1', type: 'interaction', turn_id: 'turn-1', action: 'regenerate' },
  { ...envelope, event_id: 'ev-ix-2', type: 'interaction', turn_id: 'turn-2', action: 'copy', copied_chars: 24 },
  { ...envelope, event_id: 'ev-ix-3', type: 'interaction', turn_id: 'turn-2', action: 'edit', edited_text: 'You can call list(reversed(my_list)).' },
  { ...envelope, event_id: 'ev-ix-4', type: 'interaction', turn_id: 'turn-1', action: 'stop', shown_chars: 120 },
  { ...envelope, event_id: 'ev-ix-5', type: 'interaction', turn_id: 'turn-2', action: 'share' },
  { ...envelope, event_id: 'ev-ix-6', type: 'interaction', turn_id: 'turn-2', action: 'dwell', dwell_ms: 15000 },
  { ...envelope, event_id: 'ev-ix-7', type: 'interaction', turn_id: 'turn-2', action: 'close' },
];
