import type { SourceRecord } from '@prefstream/events';
import type { SignalEngineConfig, SignalEngineState } from '@prefstream/signals';
import { decodeBatch } from './decode-batch';
import type { DecodedBatch, RejectedRecord } from './decoded-record';
import type { RawEventRow, RejectedEventRow } from './rows';
import { pseudonymise, toRawEventRow, toRejectedEventRow } from './to-rows';
import type { UserHasher } from './user-hasher';
import { EnrichmentStage, type EnrichedTables, type SliceScores } from './enrich/enrichment-stage';

export interface PartitionProcessorOptions {
  hashUser: UserHasher;
  maxEventBytes?: number;
  /**
   * How long (in event time) an event_id is remembered to drop a second delivery of it (a producer retry
   * lands at another offset, so insert tokens alone cannot catch it). Bounds the state: ids older than
   * the watermark minus this window are forgotten.
   */
  dedupWindowMs?: number;
  /** Signal engine settings (lateness, session gap, reward weights, ...); defaults in libs/signals. */
  signals?: Partial<SignalEngineConfig>;
}

/** Everything one slice of input produced, by destination. */
export interface ProcessorOutput {
  tables: {
    raw_events: RawEventRow[];
    rejected_events: RejectedEventRow[];
  } & EnrichedTables;
  /** Rejected records with their original bytes, for the dead-letter topic. */
  deadLetters: RejectedRecord[];
  counters: { accepted: number; rejected: number; duplicates: number; rejectedByReason: Record<string, number> };
}

/** The processor's checkpointed state (plain JSON). Grows as stateful stages are added. */
export interface ProcessorState {
  version: 2;
  /** Highest event time seen on this partition (ms); drives the watermark. */
  maxEventTimeMs: number;
  /** Recently seen event ids with their event time, for duplicate detection within the window. */
  recentIds: [string, number][];
  /** Sessions of the signal stage (absent in a version 1 state: sessions then start empty). */
  signals?: SignalEngineState;
}

/** A state as stored: the current version, or a version 1 state (written before the enrichment stages). */
export type StoredProcessorState = ProcessorState | (Omit<ProcessorState, 'version' | 'signals'> & { version: 1 });

export const initialProcessorState = (): ProcessorState => ({ version: 2, maxEventTimeMs: 0, recentIds: [] });
const DEFAULT_DEDUP_WINDOW_MS = 10 * 60_000;

/**
 * The operator chain for one partition, synchronous and deterministic: the same state and the same
 * records always give the same output (ingestion time is passed in and only fills `ingested_at`).
 */
export class PartitionProcessor {
  private maxEventTimeMs: number;
  private readonly recentIds: Map<string, number>;
  private readonly enrichment: EnrichmentStage;

  constructor(private readonly options: PartitionProcessorOptions, state: StoredProcessorState = initialProcessorState()) {
    if (state.version !== 1 && state.version !== 2) throw new RangeError(`processor state version ${(state as { version: unknown }).version} is not supported by this build`);
    this.maxEventTimeMs = state.maxEventTimeMs;
    this.recentIds = new Map(state.recentIds ?? []);
    this.enrichment = new EnrichmentStage(options.signals, state.version === 2 ? state.signals : undefined);
  }

  /** `scores`: classifier scores computed for this slice's texts beforehand (see SliceScores). */
  process(records: readonly SourceRecord[], ingestedAt: number, scores?: SliceScores): ProcessorOutput {
    return this.processDecoded(this.decode(records), ingestedAt, scores);
  }

  /** The contract check alone (stateless), for callers that read the events before processing them (scoring). */
  decode(records: readonly SourceRecord[]): DecodedBatch {
    return decodeBatch(records, { maxEventBytes: this.options.maxEventBytes });
  }

  /** `process` on records already decoded by `decode` (each slice decoded once, whoever reads it first). */
  processDecoded(decoded: DecodedBatch, ingestedAt: number, scores?: SliceScores): ProcessorOutput {
    const { rejected } = decoded;
    const accepted = decoded.accepted.filter((a) => {
      if (this.recentIds.has(a.event.event_id)) return false;
      this.recentIds.set(a.event.event_id, Date.parse(a.event.ts));
      return true;
    });
    const duplicates = decoded.accepted.length - accepted.length;
    const raw = accepted.map((a) => toRawEventRow(pseudonymise(a, this.options.hashUser), ingestedAt));
    for (const row of raw) if (row.ts > this.maxEventTimeMs) this.maxEventTimeMs = row.ts;
    this.forgetOldIds();
    const rejectedByReason: Record<string, number> = {};
    for (const r of rejected) rejectedByReason[r.reason] = (rejectedByReason[r.reason] ?? 0) + 1;
    const enriched = this.enrichment.apply(accepted.map((a) => a.event), ingestedAt, scores);
    return {
      tables: { raw_events: raw, rejected_events: rejected.map((r) => toRejectedEventRow(r, ingestedAt)), ...enriched },
      deadLetters: rejected,
      counters: { accepted: accepted.length, rejected: rejected.length, duplicates, rejectedByReason },
    };
  }

  /**
   * End of a finite input (a replayed file): closes every open session as if its gap had passed and
   * returns the outputs that produces (final response rows, abandonment, aggregates).
   */
  flush(ingestedAt: number): ProcessorOutput {
    return this.withoutInput(this.enrichment.flush(ingestedAt));
  }

  /**
   * Moves event time forward on a partition without traffic (sessions there must still close). The
   * caller decides when from wall-clock time, so it must log the value with the range it follows
   * (RangeEntry.idleWatermarkMs) for a replay to apply the same advance.
   */
  advanceWatermark(eventTimeMs: number, ingestedAt: number): ProcessorOutput {
    return this.withoutInput(this.enrichment.advanceWatermark(eventTimeMs, ingestedAt));
  }

  private withoutInput(enriched: EnrichedTables): ProcessorOutput {
    return { tables: { raw_events: [], rejected_events: [], ...enriched }, deadLetters: [], counters: { accepted: 0, rejected: 0, duplicates: 0, rejectedByReason: {} } };
  }

  snapshot(): ProcessorState {
    return { version: 2, maxEventTimeMs: this.maxEventTimeMs, recentIds: [...this.recentIds], signals: this.enrichment.snapshot() };
  }

  /** Signal-stage counters and open-state sizes (for metrics). */
  enrichmentStats() {
    return this.enrichment.stats();
  }

  /** Open dedup entries (for memory metrics). */
  get rememberedIds(): number {
    return this.recentIds.size;
  }

  private forgetOldIds(): void {
    const horizon = this.maxEventTimeMs - (this.options.dedupWindowMs ?? DEFAULT_DEDUP_WINDOW_MS);
    // Map iteration is insertion order, close to event-time order on a partition: stop at the first young id.
    for (const [id, ts] of this.recentIds) {
      if (ts >= horizon) break;
      this.recentIds.delete(id);
    }
  }
}
