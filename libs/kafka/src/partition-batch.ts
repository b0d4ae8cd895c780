import type { SourceRecord } from '@prefstream/events';

/**
 * One fetch's worth of records from one partition. The consumer does not move on from a partition until
 * the batch is acknowledged (or failed), so the pipeline holds at most one batch per partition in flight.
 */
export interface PartitionBatch {
  topic: string;
  partition: number;
  records: SourceRecord[];
  /** Offset of the first and last record, as decimal strings (Kafka offsets are 64-bit). */
  firstOffset: string;
  lastOffset: string;
  /** The partition's high watermark when fetched: lag = highWatermark - (lastOffset + 1). */
  highWatermark: string;
  /** Keeps the group membership alive during long processing (e.g. retries through a sink outage). */
  heartbeat(): Promise<void>;
}

/** What the pipeline says when it is done with a batch. */
export interface BatchOutcome {
  /** Offset to commit for the partition (the next offset to read after a restart), if any. */
  commitOffset?: string;
}

export interface PartitionAssignment {
  topic: string;
  partitions: number[];
}
