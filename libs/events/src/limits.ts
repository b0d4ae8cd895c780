/**
 * Size limits of contract v1. They bound per-event memory and ClickHouse row size; producers get a
 * clear rejection (reason `oversize` or `invalid`) instead of a silently truncated text.
 */
export const LIMITS = {
  /** Whole Kafka message / ndjson line, in bytes, checked before JSON parsing. */
  maxEventBytes: 1_048_576,
  /** Prompt, response and edited texts, in UTF-16 code units (JavaScript string length). */
  maxTextChars: 200_000,
  /** Free-text comments and flag reasons. */
  maxCommentChars: 10_000,
  /** Identifiers: event_id, conversation_id, turn_id, user_id, tenant, model names. */
  maxIdChars: 256,
  /** Short labels: variant, segment, locale, emoji. */
  maxLabelChars: 64,
  /** Entries in the free-form `metadata` map. */
  maxMetadataEntries: 32,
} as const;
