import type { RecordPosition, SourceRecord } from '@prefstream/events';

/**
 * A mapped input row as a raw record: the JSON bytes the decoder will validate, keyed by conversation
 * like a Kafka message. Sources that translate foreign formats map field for field and leave every
 * judgement about validity to the event contract, so a bad row is rejected with the usual reason codes.
 */
export function eventRecord(event: Record<string, unknown>, position: RecordPosition): SourceRecord {
  const key = typeof event['conversation_id'] === 'string' ? event['conversation_id'] : undefined;
  return { value: Buffer.from(JSON.stringify(event), 'utf8'), ...(key ? { key } : {}), position };
}

/** Groups records into batches of at most `size` (the last one may be shorter). */
export async function* inBatches(records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>, size: number): AsyncGenerator<SourceRecord[]> {
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`batchSize must be a positive integer, got ${size}`);
  let batch: SourceRecord[] = [];
  for await (const record of records) {
    batch.push(record);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
