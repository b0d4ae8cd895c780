import { ErrorCode } from '../protocol/error-codes';
import type { Handler } from './context';

interface CommitTopic {
  name: string;
  partitions: { partition_index: number; committed_offset: bigint; committed_metadata: string | null }[];
}

export const handleOffsetCommit: Handler = (request, info, broker) => {
  const group = request.group_id as string;
  // v0 commits carry no generation: they are simple (outside group management).
  const check = info.version === 0 ? ErrorCode.NONE : broker.groups.validateCommit(group, request.generation_id as number, request.member_id as string);
  return {
    throttle_time_ms: 0,
    topics: (request.topics as CommitTopic[]).map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => {
        let error = check;
        if (error === ErrorCode.NONE && !broker.topics.partition(topic.name, p.partition_index)) error = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (error === ErrorCode.NONE) broker.offsets.commit(group, topic.name, p.partition_index, p.committed_offset, p.committed_metadata);
        return { partition_index: p.partition_index, error_code: error };
      }),
    })),
  };
};

export const handleOffsetFetch: Handler = (request, _info, broker) => {
  const group = request.group_id as string;
  const requested = request.topics as { name: string; partition_indexes: number[] }[] | null;
  // A null topic list (v2+) asks for every committed partition of the group.
  const wanted = requested ?? Object.entries(
    broker.offsets.partitionsOf(group).reduce<Record<string, number[]>>((acc, p) => ((acc[p.topic] ??= []).push(p.partition), acc), {}),
  ).map(([name, partition_indexes]) => ({ name, partition_indexes }));
  return {
    throttle_time_ms: 0,
    error_code: ErrorCode.NONE,
    topics: wanted.map((topic) => ({
      name: topic.name,
      partitions: topic.partition_indexes.map((index) => {
        const committed = broker.offsets.fetch(group, topic.name, index);
        return { partition_index: index, committed_offset: committed?.offset ?? -1n, committed_leader_epoch: -1, metadata: committed?.metadata ?? '', error_code: ErrorCode.NONE };
      }),
    })),
  };
};
