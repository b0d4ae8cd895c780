import type { SourceRecord } from '@prefstream/events';
import { decodeBatch } from './decode-batch';
import type { RejectedRecord } from './decoded-record';
import type { RawEventRow, RejectedEventRow } from './rows';
import { toRawEventRow, toRejectedEventRow } from './to-rows';
import type { UserHasher } from './user-hasher';

export interface PartitionProcessorOptions {
  hashUser: UserHasher;
  maxEventBytes?: number;
}

/** Everything one slice of input produced, by destination. */
export interface ProcessorOutput {
  tables: {
    raw_events: RawEventRow[];
    rejected_events: RejectedEventRow[];
  };
  /** Rejected records with their original bytes, for the dead-letter topic. */
  deadLetters: RejectedRecord[];
  counters: { accepted: number; rejected: number; rejectedByReason: Record<string, number> };
}

/** The processor's checkpointed state (plain JSON). Grows as stateful stages are added. */
export interface ProcessorState {
  version: 1;
  /** Highest event time seen on this partition (ms); drives the watermark. */
  maxEventTimeMs: number;
}

export const initialProcessorState = (): ProcessorState => ({ version: 1, maxEventTimeMs: 0 });

/**
 * The operator chain for one partition, synchronous and deterministic: the same state and the same
 * records always give the same output (ingestion time is passed in and only fills `ingested_at`).
 */
export class PartitionProcessor {
  private state: ProcessorState;

  constructor(private readonly options: PartitionProcessorOptions, state: ProcessorState = initialProcessorState()) {
    this.state = structuredClone(state);
  }

  process(records: readonly SourceRecord[], ingestedAt: number): ProcessorOutput {
    const { accepted, rejected } = decodeBatch(records, { maxEventBytes: this.options.maxEventBytes });
    const raw = accepted.map((a) => toRawEventRow(a, this.options.hashUser, ingestedAt));
    for (const row of raw) if (row.ts > this.state.maxEventTimeMs) this.state.maxEventTimeMs = row.ts;
    const rejectedByReason: Record<string, number> = {};
    for (const r of rejected) rejectedByReason[r.reason] = (rejectedByReason[r.reason] ?? 0) + 1;
    return {
      tables: { raw_events: raw, rejected_events: rejected.map((r) => toRejectedEventRow(r, ingestedAt)) },
      deadLetters: rejected,
      counters: { accepted: accepted.length, rejected: rejected.length, rejectedByReason },
    };
  }

  snapshot(): ProcessorState {
    return structuredClone(this.state);
  }
}
