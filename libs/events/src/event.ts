import type { z } from 'zod';
import { feedbackEvent } from './feedback';
import { interactionEvent } from './interaction';
import { turnEvent } from './turn';
import { voteEvent } from './vote';

/** Schemas by event type; the `type` field picks one so errors name the fields of that type only. */
export const EVENT_SCHEMAS = {
  turn: turnEvent,
  feedback: feedbackEvent,
  vote: voteEvent,
  interaction: interactionEvent,
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];
export type PrefEvent = { [K in EventType]: z.infer<(typeof EVENT_SCHEMAS)[K]> }[EventType];
export type EventOf<K extends EventType> = Extract<PrefEvent, { type: K }>;
