import { TopicStore } from '../log/topic-store';
import { ErrorCode } from '../protocol/error-codes';
import type { Handler } from './context';

export const handleMetadata: Handler = (request, info, broker) => {
  const requested = request.topics as string[] | null;
  const all = requested === null || (info.version === 0 && requested.length === 0);
  const names = all ? broker.topics.names() : requested;
  const allowCreate = broker.autoCreateTopics && (info.version < 4 || request.allow_auto_topic_creation !== false);
  const topics = names.map((name) => {
    let partitions = broker.topics.partitions(name);
    if (!partitions && allowCreate && TopicStore.isValidName(name)) {
      broker.topics.create(name, broker.defaultPartitions);
      broker.log(`auto-created topic ${name} with ${broker.defaultPartitions} partition(s)`);
      partitions = broker.topics.partitions(name);
    }
    if (!partitions) return { error_code: TopicStore.isValidName(name) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.INVALID_TOPIC_EXCEPTION, name, is_internal: false, partitions: [] };
    return {
      error_code: ErrorCode.NONE,
      name,
      is_internal: false,
      partitions: partitions.map((_, index) => ({ error_code: 0, partition_index: index, leader_id: broker.nodeId, leader_epoch: 0, replica_nodes: [broker.nodeId], isr_nodes: [broker.nodeId], offline_replicas: [] })),
    };
  });
  return {
    throttle_time_ms: 0,
    brokers: [{ node_id: broker.nodeId, host: broker.host, port: broker.port, rack: null }],
    cluster_id: broker.clusterId,
    controller_id: broker.nodeId,
    topics,
  };
};
