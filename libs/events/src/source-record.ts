/** Where a record came from: enough to find it again and to build a deterministic dedup token. */
export type RecordPosition =
  | { kind: 'file'; path: string; line: number }
  | { kind: 'kafka'; topic: string; partition: number; offset: string };

/** One undecoded input message: the bytes exactly as read, and where they were read. */
export interface SourceRecord {
  value: Uint8Array;
  key?: string;
  headers?: Record<string, string>;
  position: RecordPosition;
  /** Set when the input was cut because it exceeded the line limit; value holds only its first bytes. */
  truncatedFromBytes?: number;
}
