import { eventTimeMs } from '@prefstream/events';
import type { AcceptedRecord, RejectedRecord } from './decoded-record';
import { sourceOf, type RawEventRow, type RejectedEventRow } from './rows';
import type { UserHasher } from './user-hasher';

/** Stored raw bytes of a rejected record are capped: an oversize record keeps its first 64 KiB. */
export const MAX_REJECTED_BYTES = 65_536;

/**
 * Replaces the event's user id by its keyed pseudonym, in place, right after decoding: nothing
 * downstream (signals, statistics, storage) ever sees the raw id.
 */
export function pseudonymise(accepted: AcceptedRecord, hashUser: UserHasher): AcceptedRecord {
  if (accepted.event.user_id !== undefined) accepted.event.user_id = hashUser(accepted.event.user_id);
  return accepted;
}

/** The raw-events row of an accepted, already pseudonymised event. */
export function toRawEventRow(accepted: AcceptedRecord, ingestedAt: number): RawEventRow {
  const { event } = accepted;
  return {
    event_id: event.event_id,
    type: event.type,
    tenant: event.tenant,
    conversation_id: event.conversation_id,
    user_hash: event.user_id ?? '',
    ts: eventTimeMs(event),
    ingested_at: ingestedAt,
    source: sourceOf(accepted.record.position),
    payload: JSON.stringify(event),
  };
}

export function toRejectedEventRow(rejected: RejectedRecord, ingestedAt: number): RejectedEventRow {
  const bytes = rejected.record.value;
  const kept = bytes.length > MAX_REJECTED_BYTES ? bytes.subarray(0, MAX_REJECTED_BYTES) : bytes;
  return {
    reason: rejected.reason,
    message: rejected.message,
    raw_base64: Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength).toString('base64'),
    raw_bytes: rejected.record.truncatedFromBytes ?? bytes.length,
    source: sourceOf(rejected.record.position),
    ingested_at: ingestedAt,
  };
}
