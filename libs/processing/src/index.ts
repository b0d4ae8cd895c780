// Public API of libs/processing: the in-process operator chain from raw records to rows.
export { createUserHasher, type UserHasher } from './user-hasher';
export type { AcceptedRecord, RejectedRecord, DecodedBatch } from './decoded-record';
export { decodeBatch, type DecodeBatchOptions } from './decode-batch';
export { decodeRecords } from './decode-records.operator';
export { planRecovery, dedupToken, type Snapshot, type RangeEntry, type RecoveryPlan } from './checkpoint';
export { RangeSlicer, type Slice } from './range-slicer';
export { sourceOf, type RawEventRow, type RejectedEventRow } from './rows';
export { pseudonymise, toRawEventRow, toRejectedEventRow, MAX_REJECTED_BYTES } from './to-rows';
export { PartitionProcessor, initialProcessorState, type PartitionProcessorOptions, type ProcessorOutput, type ProcessorState } from './partition-processor';
