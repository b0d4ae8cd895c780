import { z } from 'zod';
import { LIMITS } from './limits';

export const CONTRACT_VERSION = 1 as const;

export const id = z.string().min(1).max(LIMITS.maxIdChars);
export const label = z.string().min(1).max(LIMITS.maxLabelChars);
export const longText = z.string().max(LIMITS.maxTextChars);
export const shortText = z.string().max(LIMITS.maxCommentChars);
export const count = z.number().int().nonnegative();

/** RFC 3339 timestamp with an explicit offset (`2026-11-22T10:00:00.000Z`); event time, set by the producer. */
export const timestamp = z.iso.datetime({ offset: true });

/**
 * Fields every event carries. `event_id` is the deduplication key: a producer retry re-sends the same
 * id and is counted once. `conversation_id` is also the Kafka message key, so one conversation's events
 * stay in one partition, in order, and its session state lives in one consumer.
 */
export const envelopeShape = {
  schema_version: z.literal(CONTRACT_VERSION).default(CONTRACT_VERSION)
    .describe('Contract version; omitted means 1. A higher version is rejected as `future_version`.'),
  event_id: id.describe('Unique id of this event (dedup key). A UUID or ULID is a good choice.'),
  ts: timestamp.describe('Event time (RFC 3339 with offset). Windows and sessions use this, not arrival time.'),
  tenant: id.describe('The application or tenant that produced the event.'),
  conversation_id: id.describe('The conversation this event belongs to; also the Kafka message key.'),
  user_id: id.optional().describe('Pseudonymous user id; hashed again (keyed HMAC) before storage.'),
  segment: label.optional().describe('Optional user segment or cohort (e.g. "free", "enterprise").'),
  locale: label.optional().describe('Optional BCP 47 locale of the user interface (e.g. "en-US").'),
  metadata: z.record(z.string().max(LIMITS.maxLabelChars), z.string().max(LIMITS.maxLabelChars))
    .refine((m) => Object.keys(m).length <= LIMITS.maxMetadataEntries, { message: `at most ${LIMITS.maxMetadataEntries} metadata entries` })
    .optional()
    .describe('Free-form string labels (at most 32, each key and value at most 64 chars).'),
} as const;
