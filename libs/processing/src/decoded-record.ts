import type { PrefEvent, RejectReason, SourceRecord } from '@prefstream/events';

/** A record that passed the contract, with the event it decoded to. */
export interface AcceptedRecord {
  record: SourceRecord;
  event: PrefEvent;
}

/** A record that did not, with a stable reason code and a message that says what is wrong. */
export interface RejectedRecord {
  record: SourceRecord;
  reason: RejectReason;
  message: string;
}

export interface DecodedBatch {
  accepted: AcceptedRecord[];
  rejected: RejectedRecord[];
}
