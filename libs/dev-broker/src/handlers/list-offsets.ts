import { ErrorCode } from '../protocol/error-codes';
import type { Handler } from './context';

const LATEST = -1n;
const EARLIEST = -2n;

interface ListTopic {
  name: string;
  partitions: { partition_index: number; timestamp: bigint }[];
}

export const handleListOffsets: Handler = (request, info, broker) => ({
  throttle_time_ms: 0,
  topics: (request.topics as ListTopic[]).map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p) => {
      const log = broker.topics.partition(topic.name, p.partition_index);
      if (!log) return { partition_index: p.partition_index, error_code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, old_style_offsets: [], timestamp: -1n, offset: -1n, leader_epoch: -1 };
      const offset = p.timestamp === LATEST ? log.nextOffset : p.timestamp === EARLIEST ? log.logStartOffset : log.offsetForTimestamp(p.timestamp);
      return { partition_index: p.partition_index, error_code: ErrorCode.NONE, old_style_offsets: info.version === 0 ? [offset] : [], timestamp: p.timestamp < 0n ? -1n : p.timestamp, offset, leader_epoch: 0 };
    }),
  })),
});
