import { map, type OperatorFunction } from 'rxjs';
import type { SourceRecord } from '@prefstream/events';
import { decodeBatch, type DecodeBatchOptions } from './decode-batch';
import type { DecodedBatch } from './decoded-record';

/** RxJS operator: each batch of raw records becomes a batch of accepted events and rejected records. */
export function decodeRecords(options: DecodeBatchOptions = {}): OperatorFunction<readonly SourceRecord[], DecodedBatch> {
  return map((records) => decodeBatch(records, options));
}
