// Public API of libs/kafka: the only importer of kafkajs. Small on purpose, so a maintained client
// (@confluentinc/kafka-javascript, @platformatic/kafka) can replace kafkajs behind the same functions.
export type { KafkaConnection } from './connection';
export type { PartitionBatch, BatchOutcome, PartitionAssignment } from './partition-batch';
export { createBatchConsumer, lostMembership, type BatchConsumer, type BatchConsumerOptions, type AckableBatch } from './batch-consumer';
export { createRecordProducer, type RecordProducer, type OutgoingMessage } from './record-producer';
export { ensureTopics, fetchHighWatermarks } from './topics';
export { measureBareRead } from './bare-read';
export { createKafkaAlertOutput, alertRecord, type KafkaAlertOutputOptions } from './kafka-alert-output';
