// Public API of libs/processing: the in-process operator chain from raw records to rows.
export { createUserHasher, type UserHasher } from './user-hasher';
export type { AcceptedRecord, RejectedRecord, DecodedBatch } from './decoded-record';
export { decodeBatch, type DecodeBatchOptions } from './decode-batch';
export { decodeRecords } from './decode-records.operator';
export { planRecovery, dedupToken, rangeLogToken, sameRange, type Snapshot, type RangeEntry, type RecoveryPlan } from './checkpoint';
export { RangeSlicer, type Slice } from './range-slicer';
export { sourceOf, type RawEventRow, type RejectedEventRow, type ResponseRow, type ResponseFeaturesRow, type SignalTableRow, type VoteRow, type LateEventRow, type MinuteAggregateRow } from './rows';
export { pseudonymise, toRawEventRow, toRejectedEventRow, MAX_REJECTED_BYTES } from './to-rows';
export { PartitionProcessor, initialProcessorState, type PartitionProcessorOptions, type ProcessorOutput, type ProcessorState, type StoredProcessorState } from './partition-processor';
export { EnrichmentStage, type EnrichedTables, type EnrichmentCounters, type SliceScores } from './enrich/enrichment-stage';
export { packTurnTags, unpackTurnTags, turnProperties, REFUSAL_THRESHOLD, TOXICITY_THRESHOLD, type TurnProperties } from './enrich/turn-tags';
export { toMinuteAggregateRow, ZERO_BUCKET_KEY } from './enrich/minute-rows';
