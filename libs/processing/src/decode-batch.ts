import { decodeEvent, LIMITS } from '@prefstream/events';
import type { SourceRecord } from '@prefstream/events';
import type { DecodedBatch } from './decoded-record';

export interface DecodeBatchOptions {
  maxEventBytes?: number;
}

/** Splits a batch of raw records into accepted events and rejected records; never throws, never drops. */
export function decodeBatch(records: readonly SourceRecord[], options: DecodeBatchOptions = {}): DecodedBatch {
  const maxEventBytes = options.maxEventBytes ?? LIMITS.maxEventBytes;
  const out: DecodedBatch = { accepted: [], rejected: [] };
  for (const record of records) {
    if (record.truncatedFromBytes !== undefined) {
      out.rejected.push({ record, reason: 'oversize', message: `${record.truncatedFromBytes} bytes exceeds the limit of ${maxEventBytes}` });
      continue;
    }
    const result = decodeEvent(record.value, { maxEventBytes });
    if (result.ok) out.accepted.push({ record, event: result.event });
    else out.rejected.push({ record, reason: result.reason, message: result.message });
  }
  return out;
}
