import { TopicStore } from '../log/topic-store';
import { ErrorCode } from '../protocol/error-codes';
import type { Handler } from './context';

interface CreateTopic {
  name: string;
  num_partitions: number;
  replication_factor: number;
  assignments: { partition_index: number }[];
}

export const handleCreateTopics: Handler = (request, _info, broker) => ({
  throttle_time_ms: 0,
  topics: (request.topics as CreateTopic[]).map((topic) => {
    const partitions = topic.num_partitions === -1 ? (topic.assignments.length || broker.defaultPartitions) : topic.num_partitions;
    const fail = (error_code: number, error_message: string) => ({ name: topic.name, error_code, error_message });
    if (!TopicStore.isValidName(topic.name)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `invalid topic name ${JSON.stringify(topic.name)}`);
    if (broker.topics.partitions(topic.name)) return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `topic ${topic.name} already exists`);
    if (!(partitions >= 1 && partitions <= 10000)) return fail(ErrorCode.INVALID_PARTITIONS, `number of partitions must be 1..10000, got ${partitions}`);
    if (topic.replication_factor > 1) return fail(ErrorCode.INVALID_REPLICATION_FACTOR, `this single-node dev broker supports replication factor 1 only, got ${topic.replication_factor}`);
    if (!request.validate_only) {
      broker.topics.create(topic.name, partitions);
      broker.log(`created topic ${topic.name} with ${partitions} partition(s)`);
    }
    return { name: topic.name, error_code: ErrorCode.NONE, error_message: null };
  }),
});

export const handleDeleteTopics: Handler = (request, _info, broker) => ({
  throttle_time_ms: 0,
  responses: (request.topic_names as string[]).map((name) => {
    const deleted = broker.topics.delete(name);
    if (deleted) {
      broker.offsets.deleteTopic(name);
      broker.log(`deleted topic ${name}`);
    }
    return { name, error_code: deleted ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
  }),
});

export const handleInitProducerId: Handler = (request, _info, broker) => {
  // Transactions are not supported by the dev broker; idempotent producers (no transactional id) are.
  if (request.transactional_id) return { throttle_time_ms: 0, error_code: ErrorCode.INVALID_REQUEST, producer_id: -1n, producer_epoch: -1 };
  return { throttle_time_ms: 0, error_code: ErrorCode.NONE, producer_id: broker.nextProducerId(), producer_epoch: 0 };
};
