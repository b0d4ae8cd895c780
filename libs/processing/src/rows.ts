/**
 * Rows the processor emits, one interface per ClickHouse table it feeds. They are plain data so the
 * domain stays free of storage code; libs/clickhouse validates them against its zod row schemas.
 * Times are epoch milliseconds (DateTime64(3) columns).
 */
export interface RawEventRow {
  event_id: string;
  type: string;
  tenant: string;
  conversation_id: string;
  user_hash: string;
  ts: number;
  ingested_at: number;
  source: string;
  /** The event as JSON, with `user_id` replaced by its pseudonym. */
  payload: string;
}

export interface RejectedEventRow {
  reason: string;
  message: string;
  /** The original bytes, base64, so the record can be inspected and replayed exactly. */
  raw_base64: string;
  raw_bytes: number;
  source: string;
  ingested_at: number;
}

/** `kafka:topic/partition@offset` or `file:path:line`: where a record came from, as one string. */
export function sourceOf(position: { kind: 'file'; path: string; line: number } | { kind: 'kafka'; topic: string; partition: number; offset: string }): string {
  return position.kind === 'kafka' ? `kafka:${position.topic}/${position.partition}@${position.offset}` : `file:${position.path}:${position.line}`;
}
