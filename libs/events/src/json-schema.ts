import { z } from 'zod';
import { EVENT_SCHEMAS, type EventType } from './event';

/**
 * JSON Schema (draft 2020-12) of each event type, for producers written in other languages. Generated
 * from the zod contract, so the two cannot disagree; `docs/schemas/v1/*.json` are these, committed.
 */
export function eventJsonSchemas(): Record<EventType, unknown> {
  const out = {} as Record<EventType, unknown>;
  for (const [type, schema] of Object.entries(EVENT_SCHEMAS) as [EventType, z.ZodType][]) {
    out[type] = {
      $id: `https://prefstream.dev/schemas/v1/${type}.json`,
      title: `prefstream ${type} event (contract v1)`,
      ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object),
    };
  }
  return out;
}
