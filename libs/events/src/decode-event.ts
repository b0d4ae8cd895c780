import type { z } from 'zod';
import { CONTRACT_VERSION } from './envelope';
import { EVENT_SCHEMAS, type EventType, type PrefEvent } from './event';
import { fastValidate } from './fast-validate';
import { LIMITS } from './limits';
import type { RejectReason } from './reject-reason';

export type DecodeResult =
  | { ok: true; event: PrefEvent }
  | { ok: false; reason: RejectReason; message: string };

export interface DecodeOptions {
  maxEventBytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_MESSAGE_CHARS = 2000;

const reject = (reason: RejectReason, message: string): DecodeResult => ({ ok: false, reason, message: message.slice(0, MAX_MESSAGE_CHARS) });

/** Lists zod issues as `path: message` so a producer can see exactly which field to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(event)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Validates an already parsed JSON value against contract v1. Valid events are returned as parsed, with
 * `schema_version` defaulted to 1; unknown fields are left in place and never read (the raw table keeps
 * the original bytes). Invalid ones get a reason and a message naming each bad field.
 */
export function validateEvent(value: unknown): DecodeResult {
  if (fastValidate(value)) {
    const event = value as PrefEvent & { schema_version?: 1 };
    if (event.schema_version === undefined) event.schema_version = CONTRACT_VERSION;
    return { ok: true, event };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return reject('not_object', 'expected a JSON object');
  const record = value as Record<string, unknown>;
  const version = record['schema_version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > CONTRACT_VERSION) {
    return reject('future_version', `schema_version ${version} is newer than ${CONTRACT_VERSION}; upgrade this consumer (the event was kept, not dropped)`);
  }
  const type = record['type'];
  if (typeof type !== 'string' || !Object.hasOwn(EVENT_SCHEMAS, type)) {
    return reject('unknown_type', `type ${JSON.stringify(type)} is not one of ${Object.keys(EVENT_SCHEMAS).join(', ')}`);
  }
  const parsed = EVENT_SCHEMAS[type as EventType].safeParse(value);
  if (!parsed.success) return reject('invalid', `${type} event: ${describeIssues(parsed.error)}`);
  return { ok: true, event: parsed.data as PrefEvent };
}

/**
 * Decodes one message (a Kafka value or an ndjson line) into a validated event, in the order that makes
 * each failure cheapest to detect: size, UTF-8, JSON, version, type, fields. Never throws.
 */
export function decodeEvent(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const maxBytes = options.maxEventBytes ?? LIMITS.maxEventBytes;
  if (bytes.byteLength > maxBytes) return reject('oversize', `${bytes.byteLength} bytes exceeds the limit of ${maxBytes}`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return reject('invalid_utf8', `invalid UTF-8 sequence in ${bytes.byteLength} bytes`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return reject('not_json', (error as Error).message);
  }
  return validateEvent(value);
}
