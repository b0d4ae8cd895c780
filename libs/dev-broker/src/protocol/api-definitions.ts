import type { Schema } from './schema';

/**
 * The APIs and versions this broker speaks: the non-flexible versions that kafkajs 2.2.4 and
 * librdkafka 1.x/2.x negotiate. Field layouts follow Kafka's message definitions
 * (clients/src/main/resources/common/message/*.json). Flexible versions (compact encodings, tagged
 * fields) are not advertised, except ApiVersions v3, which librdkafka sends first (KIP-511); a newer
 * ApiVersions gets UNSUPPORTED_VERSION with the supported ranges in the v0 layout, and the client retries.
 */
export interface ApiDefinition {
  key: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  request: Schema;
  response: Schema;
}

const int32Array = { array: 'int32' as const };
const throttle = (from: number) => ({ name: 'throttle_time_ms', type: 'int32' as const, versions: [from] as [number] });

export const API: Record<string, ApiDefinition> = {
  Produce: {
    // Advertised from v0 although only record batches (magic 2) are stored: librdkafka up to 2.11.0
    // enables gzip, snappy and lz4 only if the broker's Produce range includes v0 (it silently sends
    // uncompressed otherwise). A v0-v2 request (magic 0/1 message sets) is answered per partition
    // with UNSUPPORTED_FOR_MESSAGE_FORMAT.
    key: 0, name: 'Produce', minVersion: 0, maxVersion: 7,
    request: [
      { name: 'transactional_id', type: 'nullableString', versions: [3] },
      { name: 'acks', type: 'int16' },
      { name: 'timeout_ms', type: 'int32' },
      { name: 'topics', type: { array: [{ name: 'name', type: 'string' }, { name: 'partitions', type: { array: [{ name: 'index', type: 'int32' }, { name: 'records', type: 'records' }] } }] } },
    ],
    response: [
      { name: 'responses', type: { array: [
        { name: 'name', type: 'string' },
        { name: 'partitions', type: { array: [
          { name: 'index', type: 'int32' },
          { name: 'error_code', type: 'int16' },
          { name: 'base_offset', type: 'int64' },
          { name: 'log_append_time_ms', type: 'int64', versions: [2] },
          { name: 'log_start_offset', type: 'int64', versions: [5] },
        ] } },
      ] } },
      throttle(1),
    ],
  },
  Fetch: {
    key: 1, name: 'Fetch', minVersion: 4, maxVersion: 11,
    request: [
      { name: 'replica_id', type: 'int32' },
      { name: 'max_wait_ms', type: 'int32' },
      { name: 'min_bytes', type: 'int32' },
      { name: 'max_bytes', type: 'int32', versions: [3] },
      { name: 'isolation_level', type: 'int8', versions: [4] },
      { name: 'session_id', type: 'int32', versions: [7] },
      { name: 'session_epoch', type: 'int32', versions: [7] },
      { name: 'topics', type: { array: [
        { name: 'topic', type: 'string' },
        { name: 'partitions', type: { array: [
          { name: 'partition', type: 'int32' },
          { name: 'current_leader_epoch', type: 'int32', versions: [9] },
          { name: 'fetch_offset', type: 'int64' },
          { name: 'log_start_offset', type: 'int64', versions: [5] },
          { name: 'partition_max_bytes', type: 'int32' },
        ] } },
      ] } },
      { name: 'forgotten_topics_data', type: { array: [{ name: 'topic', type: 'string' }, { name: 'partitions', type: int32Array }] }, versions: [7] },
      { name: 'rack_id', type: 'string', versions: [11] },
    ],
    response: [
      throttle(1),
      { name: 'error_code', type: 'int16', versions: [7] },
      { name: 'session_id', type: 'int32', versions: [7] },
      { name: 'responses', type: { array: [
        { name: 'topic', type: 'string' },
        { name: 'partitions', type: { array: [
          { name: 'partition_index', type: 'int32' },
          { name: 'error_code', type: 'int16' },
          { name: 'high_watermark', type: 'int64' },
          { name: 'last_stable_offset', type: 'int64', versions: [4] },
          { name: 'log_start_offset', type: 'int64', versions: [5] },
          { name: 'aborted_transactions', type: { array: [{ name: 'producer_id', type: 'int64' }, { name: 'first_offset', type: 'int64' }], nullable: true }, versions: [4] },
          { name: 'preferred_read_replica', type: 'int32', versions: [11] },
          { name: 'records', type: 'records' },
        ] } },
      ] } },
    ],
  },
  ListOffsets: {
    key: 2, name: 'ListOffsets', minVersion: 0, maxVersion: 4,
    request: [
      { name: 'replica_id', type: 'int32' },
      { name: 'isolation_level', type: 'int8', versions: [2] },
      { name: 'topics', type: { array: [
        { name: 'name', type: 'string' },
        { name: 'partitions', type: { array: [
          { name: 'partition_index', type: 'int32' },
          { name: 'current_leader_epoch', type: 'int32', versions: [4] },
          { name: 'timestamp', type: 'int64' },
          { name: 'max_num_offsets', type: 'int32', versions: [0, 0] },
        ] } },
      ] } },
    ],
    response: [
      throttle(2),
      { name: 'topics', type: { array: [
        { name: 'name', type: 'string' },
        { name: 'partitions', type: { array: [
          { name: 'partition_index', type: 'int32' },
          { name: 'error_code', type: 'int16' },
          { name: 'old_style_offsets', type: { array: 'int64' }, versions: [0, 0] },
          { name: 'timestamp', type: 'int64', versions: [1] },
          { name: 'offset', type: 'int64', versions: [1] },
          { name: 'leader_epoch', type: 'int32', versions: [4] },
        ] } },
      ] } },
    ],
  },
  Metadata: {
    key: 3, name: 'Metadata', minVersion: 0, maxVersion: 7,
    request: [
      { name: 'topics', type: { array: 'string', nullable: true } },
      { name: 'allow_auto_topic_creation', type: 'boolean', versions: [4] },
    ],
    response: [
      throttle(3),
      { name: 'brokers', type: { array: [
        { name: 'node_id', type: 'int32' },
        { name: 'host', type: 'string' },
        { name: 'port', type: 'int32' },
        { name: 'rack', type: 'nullableString', versions: [1] },
      ] } },
      { name: 'cluster_id', type: 'nullableString', versions: [2] },
      { name: 'controller_id', type: 'int32', versions: [1] },
      { name: 'topics', type: { array: [
        { name: 'error_code', type: 'int16' },
        { name: 'name', type: 'string' },
        { name: 'is_internal', type: 'boolean', versions: [1] },
        { name: 'partitions', type: { array: [
          { name: 'error_code', type: 'int16' },
          { name: 'partition_index', type: 'int32' },
          { name: 'leader_id', type: 'int32' },
          { name: 'leader_epoch', type: 'int32', versions: [7] },
          { name: 'replica_nodes', type: int32Array },
          { name: 'isr_nodes', type: int32Array },
          { name: 'offline_replicas', type: int32Array, versions: [5] },
        ] } },
      ] } },
    ],
  },
  OffsetCommit: {
    key: 8, name: 'OffsetCommit', minVersion: 0, maxVersion: 7,
    request: [
      { name: 'group_id', type: 'string' },
      { name: 'generation_id', type: 'int32', versions: [1] },
      { name: 'member_id', type: 'string', versions: [1] },
      { name: 'group_instance_id', type: 'nullableString', versions: [7] },
      { name: 'retention_time_ms', type: 'int64', versions: [2, 4] },
      { name: 'topics', type: { array: [
        { name: 'name', type: 'string' },
        { name: 'partitions', type: { array: [
          { name: 'partition_index', type: 'int32' },
          { name: 'committed_offset', type: 'int64' },
          { name: 'committed_leader_epoch', type: 'int32', versions: [6] },
          { name: 'commit_timestamp', type: 'int64', versions: [1, 1] },
          { name: 'committed_metadata', type: 'nullableString' },
        ] } },
      ] } },
    ],
    response: [
      throttle(3),
      { name: 'topics', type: { array: [{ name: 'name', type: 'string' }, { name: 'partitions', type: { array: [{ name: 'partition_index', type: 'int32' }, { name: 'error_code', type: 'int16' }] } }] } },
    ],
  },
  OffsetFetch: {
    key: 9, name: 'OffsetFetch', minVersion: 0, maxVersion: 5,
    request: [
      { name: 'group_id', type: 'string' },
      { name: 'topics', type: { array: [{ name: 'name', type: 'string' }, { name: 'partition_indexes', type: int32Array }], nullable: true } },
    ],
    response: [
      throttle(3),
      { name: 'topics', type: { array: [
        { name: 'name', type: 'string' },
        { name: 'partitions', type: { array: [
          { name: 'partition_index', type: 'int32' },
          { name: 'committed_offset', type: 'int64' },
          { name: 'committed_leader_epoch', type: 'int32', versions: [5] },
          { name: 'metadata', type: 'nullableString' },
          { name: 'error_code', type: 'int16' },
        ] } },
      ] } },
      { name: 'error_code', type: 'int16', versions: [2] },
    ],
  },
  FindCoordinator: {
    key: 10, name: 'FindCoordinator', minVersion: 0, maxVersion: 2,
    request: [{ name: 'key', type: 'string' }, { name: 'key_type', type: 'int8', versions: [1] }],
    response: [
      throttle(1),
      { name: 'error_code', type: 'int16' },
      { name: 'error_message', type: 'nullableString', versions: [1] },
      { name: 'node_id', type: 'int32' },
      { name: 'host', type: 'string' },
      { name: 'port', type: 'int32' },
    ],
  },
  JoinGroup: {
    key: 11, name: 'JoinGroup', minVersion: 0, maxVersion: 5,
    request: [
      { name: 'group_id', type: 'string' },
      { name: 'session_timeout_ms', type: 'int32' },
      { name: 'rebalance_timeout_ms', type: 'int32', versions: [1] },
      { name: 'member_id', type: 'string' },
      { name: 'group_instance_id', type: 'nullableString', versions: [5] },
      { name: 'protocol_type', type: 'string' },
      { name: 'protocols', type: { array: [{ name: 'name', type: 'string' }, { name: 'metadata', type: 'bytes' }] } },
    ],
    response: [
      throttle(2),
      { name: 'error_code', type: 'int16' },
      { name: 'generation_id', type: 'int32' },
      { name: 'protocol_name', type: 'string' },
      { name: 'leader', type: 'string' },
      { name: 'member_id', type: 'string' },
      { name: 'members', type: { array: [{ name: 'member_id', type: 'string' }, { name: 'group_instance_id', type: 'nullableString', versions: [5] }, { name: 'metadata', type: 'bytes' }] } },
    ],
  },
  Heartbeat: {
    key: 12, name: 'Heartbeat', minVersion: 0, maxVersion: 3,
    request: [{ name: 'group_id', type: 'string' }, { name: 'generation_id', type: 'int32' }, { name: 'member_id', type: 'string' }, { name: 'group_instance_id', type: 'nullableString', versions: [3] }],
    response: [throttle(1), { name: 'error_code', type: 'int16' }],
  },
  LeaveGroup: {
    key: 13, name: 'LeaveGroup', minVersion: 0, maxVersion: 3,
    request: [
      { name: 'group_id', type: 'string' },
      { name: 'member_id', type: 'string', versions: [0, 2] },
      { name: 'members', type: { array: [{ name: 'member_id', type: 'string' }, { name: 'group_instance_id', type: 'nullableString' }] }, versions: [3] },
    ],
    response: [
      throttle(1),
      { name: 'error_code', type: 'int16' },
      { name: 'members', type: { array: [{ name: 'member_id', type: 'string' }, { name: 'group_instance_id', type: 'nullableString' }, { name: 'error_code', type: 'int16' }] }, versions: [3] },
    ],
  },
  SyncGroup: {
    key: 14, name: 'SyncGroup', minVersion: 0, maxVersion: 3,
    request: [
      { name: 'group_id', type: 'string' },
      { name: 'generation_id', type: 'int32' },
      { name: 'member_id', type: 'string' },
      { name: 'group_instance_id', type: 'nullableString', versions: [3] },
      { name: 'assignments', type: { array: [{ name: 'member_id', type: 'string' }, { name: 'assignment', type: 'bytes' }] } },
    ],
    response: [throttle(1), { name: 'error_code', type: 'int16' }, { name: 'assignment', type: 'bytes' }],
  },
  DescribeGroups: {
    key: 15, name: 'DescribeGroups', minVersion: 0, maxVersion: 4,
    request: [{ name: 'groups', type: { array: 'string' } }, { name: 'include_authorized_operations', type: 'boolean', versions: [3] }],
    response: [
      throttle(1),
      { name: 'groups', type: { array: [
        { name: 'error_code', type: 'int16' },
        { name: 'group_id', type: 'string' },
        { name: 'group_state', type: 'string' },
        { name: 'protocol_type', type: 'string' },
        { name: 'protocol_data', type: 'string' },
        { name: 'members', type: { array: [
          { name: 'member_id', type: 'string' },
          { name: 'group_instance_id', type: 'nullableString', versions: [4] },
          { name: 'client_id', type: 'string' },
          { name: 'client_host', type: 'string' },
          { name: 'member_metadata', type: 'bytes' },
          { name: 'member_assignment', type: 'bytes' },
        ] } },
        { name: 'authorized_operations', type: 'int32', versions: [3] },
      ] } },
    ],
  },
  ListGroups: {
    key: 16, name: 'ListGroups', minVersion: 0, maxVersion: 2,
    request: [],
    response: [throttle(1), { name: 'error_code', type: 'int16' }, { name: 'groups', type: { array: [{ name: 'group_id', type: 'string' }, { name: 'protocol_type', type: 'string' }] } }],
  },
  ApiVersions: {
    // v3 is flexible and encoded by hand in handlers/api-versions.ts; this schema covers v0-v2.
    key: 18, name: 'ApiVersions', minVersion: 0, maxVersion: 3,
    request: [],
    response: [
      { name: 'error_code', type: 'int16' },
      { name: 'api_keys', type: { array: [{ name: 'api_key', type: 'int16' }, { name: 'min_version', type: 'int16' }, { name: 'max_version', type: 'int16' }] } },
      throttle(1),
    ],
  },
  CreateTopics: {
    key: 19, name: 'CreateTopics', minVersion: 0, maxVersion: 4,
    request: [
      { name: 'topics', type: { array: [
        { name: 'name', type: 'string' },
        { name: 'num_partitions', type: 'int32' },
        { name: 'replication_factor', type: 'int16' },
        { name: 'assignments', type: { array: [{ name: 'partition_index', type: 'int32' }, { name: 'broker_ids', type: int32Array }] } },
        { name: 'configs', type: { array: [{ name: 'name', type: 'string' }, { name: 'value', type: 'nullableString' }] } },
      ] } },
      { name: 'timeout_ms', type: 'int32' },
      { name: 'validate_only', type: 'boolean', versions: [1] },
    ],
    response: [
      throttle(2),
      { name: 'topics', type: { array: [{ name: 'name', type: 'string' }, { name: 'error_code', type: 'int16' }, { name: 'error_message', type: 'nullableString', versions: [1] }] } },
    ],
  },
  DeleteTopics: {
    key: 20, name: 'DeleteTopics', minVersion: 0, maxVersion: 3,
    request: [{ name: 'topic_names', type: { array: 'string' } }, { name: 'timeout_ms', type: 'int32' }],
    response: [throttle(1), { name: 'responses', type: { array: [{ name: 'name', type: 'string' }, { name: 'error_code', type: 'int16' }] } }],
  },
  InitProducerId: {
    key: 22, name: 'InitProducerId', minVersion: 0, maxVersion: 1,
    request: [{ name: 'transactional_id', type: 'nullableString' }, { name: 'transaction_timeout_ms', type: 'int32' }],
    response: [throttle(0), { name: 'error_code', type: 'int16' }, { name: 'producer_id', type: 'int64' }, { name: 'producer_epoch', type: 'int16' }],
  },
};

export const API_BY_KEY = new Map(Object.values(API).map((api) => [api.key, api]));
