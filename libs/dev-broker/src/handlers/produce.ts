import { InvalidBatchError, splitBatches } from '../log/record-batch';
import { ErrorCode } from '../protocol/error-codes';
import type { Handler } from './context';

interface ProduceTopic {
  name: string;
  partitions: { index: number; records: Buffer | null }[];
}

export const handleProduce: Handler = (request, _info, broker) => {
  const now = Date.now();
  let appended = false;
  const responses = (request.topics as ProduceTopic[]).map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p) => {
      const base = { index: p.index, base_offset: -1n, log_append_time_ms: -1n, log_start_offset: -1n };
      const log = broker.topics.partition(topic.name, p.index);
      if (!log) return { ...base, error_code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      try {
        const batches = splitBatches(p.records ?? Buffer.alloc(0));
        const offset = log.append(batches, now);
        appended ||= batches.length > 0;
        return { ...base, error_code: ErrorCode.NONE, base_offset: offset, log_start_offset: log.logStartOffset };
      } catch (error) {
        if (error instanceof InvalidBatchError) {
          broker.log(`produce to ${topic.name}/${p.index} rejected: ${error.message}`);
          return { ...base, error_code: error.errorCode };
        }
        throw error;
      }
    }),
  }));
  if (appended) broker.topics.notifyAppend();
  // acks=0: the producer expects no response at all.
  if (request.acks === 0) return undefined;
  return { responses, throttle_time_ms: 0 };
};
