import type { PrefEvent } from './event';

/** Event time in epoch milliseconds. The contract guarantees `ts` is a valid RFC 3339 timestamp. */
export function eventTimeMs(event: Pick<PrefEvent, 'ts'>): number {
  return Date.parse(event.ts);
}

/** The Kafka message key for an event: its conversation, so a conversation stays in one partition in order. */
export function eventKey(event: Pick<PrefEvent, 'conversation_id'>): string {
  return event.conversation_id;
}
