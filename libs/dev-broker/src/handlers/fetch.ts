import { ErrorCode } from '../protocol/error-codes';
import type { BrokerContext, Handler } from './context';

interface FetchTopic {
  topic: string;
  partitions: { partition: number; fetch_offset: bigint; partition_max_bytes: number }[];
}

/**
 * Reads every requested partition within the limits: `partition_max_bytes` each and `max_bytes` in
 * total. As in Kafka (KIP-74), only the first partition that has data may exceed them, by returning
 * its first batch whole, so a consumer always progresses; later partitions get only what still fits
 * (Kafka would send a cut-off batch there, which clients discard: same effect).
 */
function collect(request: Record<string, unknown>, broker: BrokerContext) {
  let remaining = Number(request.max_bytes ?? 0x7fffffff);
  let bytes = 0;
  const responses = (request.topics as FetchTopic[]).map((topic) => ({
    topic: topic.topic,
    partitions: topic.partitions.map((p) => {
      const log = broker.topics.partition(topic.topic, p.partition);
      const base = { partition_index: p.partition, high_watermark: -1n, last_stable_offset: -1n, log_start_offset: -1n, aborted_transactions: null, preferred_read_replica: -1, records: null as Buffer | null };
      if (!log) return { ...base, error_code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      const marks = { high_watermark: log.nextOffset, last_stable_offset: log.nextOffset, log_start_offset: log.logStartOffset };
      if (p.fetch_offset < log.logStartOffset || p.fetch_offset > log.nextOffset) return { ...base, ...marks, error_code: ErrorCode.OFFSET_OUT_OF_RANGE };
      const records = p.fetch_offset < log.nextOffset ? log.read(p.fetch_offset, Math.min(p.partition_max_bytes, remaining), bytes === 0) : Buffer.alloc(0);
      remaining -= records.length;
      bytes += records.length;
      return { ...base, ...marks, error_code: ErrorCode.NONE, records };
    }),
  }));
  return { responses, bytes };
}

/** Fetch with long-poll: waits up to max_wait_ms for min_bytes of data, woken by every append. */
export const handleFetch: Handler = async (request, _info, broker) => {
  const deadline = Date.now() + Math.max(0, Number(request.max_wait_ms));
  const minBytes = Math.max(0, Number(request.min_bytes));
  let result = collect(request, broker);
  while (result.bytes < minBytes && Date.now() < deadline && !result.responses.some((t) => t.partitions.some((p) => p.error_code !== 0))) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, deadline - Date.now());
      const unsubscribe = broker.topics.onAppend(done);
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
    result = collect(request, broker);
  }
  return { throttle_time_ms: 0, error_code: 0, session_id: 0, responses: result.responses };
};
