/**
 * Why an input was rejected. Stable codes: they are stored in the rejected-events table, put on the
 * dead-letter topic and counted in metrics, so dashboards and alerts can group by them.
 */
export const REJECT_REASONS = {
  oversize: 'larger than the maximum event size',
  invalid_utf8: 'bytes are not valid UTF-8',
  not_json: 'not parseable as JSON',
  not_object: 'JSON value is not an object',
  future_version: 'schema_version is newer than this consumer understands',
  unknown_type: 'type is missing or not one of turn, feedback, vote, interaction',
  invalid: 'does not match the event contract',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;
