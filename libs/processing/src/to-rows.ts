import { eventTimeMs } from '@prefstream/events';
import type { AcceptedRecord, RejectedRecord } from './decoded-record';
import { sourceOf, type RawEventRow, type RejectedEventRow } from './rows';
import type { UserHasher } from './user-hasher';

/** Stored raw bytes of a rejected record are capped: an oversize record keeps its first 64 KiB. */
export const MAX_REJECTED_BYTES = 65_536;

export function toRawEventRow(accepted: AcceptedRecord, hashUser: UserHasher, ingestedAt: number): RawEventRow {
  const { event } = accepted;
  const userHash = event.user_id === undefined ? '' : hashUser(event.user_id);
  const payload = event.user_id === undefined ? JSON.stringify(event) : JSON.stringify({ ...event, user_id: userHash });
  return {
    event_id: event.event_id,
    type: event.type,
    tenant: event.tenant,
    conversation_id: event.conversation_id,
    user_hash: userHash,
    ts: eventTimeMs(event),
    ingested_at: ingestedAt,
    source: sourceOf(accepted.record.position),
    payload,
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
