import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { Observable } from 'rxjs';
import type { SourceRecord } from '@prefstream/events';
import type { BatchOutcome, PartitionAssignment, PartitionBatch } from './partition-batch';
import { createKafka, type KafkaConnection } from './connection';

export interface BatchConsumerOptions {
  connection: KafkaConnection;
  topic: string;
  groupId: string;
  /** Where a group with no committed offset starts. */
  fromBeginning?: boolean;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxBytesPerPartition?: number;
  maxWaitTimeMs?: number;
  /** How many partitions are processed at the same time (default: all of them). */
  partitionsConsumedConcurrently?: number;
  /** Called after every group (re)join with this member's partitions; partitions not listed were revoked. */
  onAssignment?: (assignment: PartitionAssignment[]) => void;
}

/** A partition batch plus its acknowledgement: `ack` after every output is durable, `fail` to retry it. */
export interface AckableBatch extends PartitionBatch {
  ack(outcome?: BatchOutcome): void;
  fail(error: Error): void;
}

const toRecord = (topic: string, partition: number, message: KafkaMessage): SourceRecord => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return {
    value: message.value ?? new Uint8Array(0),
    key: message.key?.toString('utf8'),
    headers,
    position: { kind: 'kafka', topic, partition, offset: message.offset },
  };
};

/**
 * The consumer as an RxJS stream of per-partition batches with explicit acknowledgement. Offsets are
 * committed only from `ack({commitOffset})`, i.e. after the pipeline made the batch's outputs durable;
 * kafkajs's auto-commit is off. Unsubscribing stops fetching, leaves the group and disconnects.
 * A failed batch makes kafkajs re-deliver the same records (its fetch position does not move).
 */
export interface BatchConsumer {
  /** The batches; subscribe once. */
  batches: Observable<AckableBatch>;
  /**
   * Graceful stop: no new batches are handed out, in-flight ones get `graceMs` to be acknowledged (and
   * committed), then the consumer leaves the group and disconnects. Unacknowledged batches are failed,
   * so the next owner of the partition re-reads them.
   */
  stop(graceMs?: number, beforeLeave?: () => Promise<void>): Promise<void>;
  /** Commits an offset outside a batch acknowledgement (e.g. a final snapshot at shutdown). */
  commit(topic: string, partition: number, offset: string): Promise<void>;
}

const MEMBERSHIP_ERRORS = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'FENCED_INSTANCE_ID']);

/** Whether a commit failed only because this consumer is no longer (or not yet again) a group member. */
export function lostMembership(error: unknown): boolean {
  // kafkajs wraps the broker's protocol error (which carries `type`) as the `cause` of a non-retriable one.
  for (let e = error as { type?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (MEMBERSHIP_ERRORS.has(e.type ?? '')) return true;
  }
  return false;
}

export function createBatchConsumer(options: BatchConsumerOptions): BatchConsumer {
  let stopping = false;
  const inFlight = new Set<{ promise: Promise<unknown>; fail: (error: Error) => void }>();
  let consumerRef: Consumer | undefined;
  let disconnecting: Promise<void> | undefined;

  const hooks: (() => Promise<void>)[] = [];
  const stop = async (graceMs = 10000, beforeLeave?: () => Promise<void>) => {
    stopping = true;
    if (beforeLeave) hooks.push(beforeLeave);
    if (disconnecting) return disconnecting;
    disconnecting = (async () => {
      const deadline = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...inFlight].map((f) => f.promise)), deadline]);
      for (const pending of inFlight) pending.fail(new Error('consumer stopped before the batch was acknowledged'));
      // Hooks registered by any stop() call so far (e.g. an early unsubscribe, then a graceful stop).
      for (const hook of hooks) await hook().catch(() => undefined);
      await consumerRef?.disconnect().catch(() => undefined);
    })();
    return disconnecting;
  };
  const commit = async (topic: string, partition: number, offset: string) => {
    await consumerRef?.commitOffsets([{ topic, partition, offset }]);
  };

  const batches = new Observable<AckableBatch>((subscriber) => {
    const kafka = createKafka(options.connection);
    const consumer: Consumer = (consumerRef = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3000,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 4 * 1024 * 1024,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 200,
      retry: { retries: 8 },
    }));

    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assignment = Object.entries(payload.memberAssignment).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
      options.onAssignment?.(assignment);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts itself on retriable crashes; a non-retriable one ends the stream.
      if (!payload.restart && !stopping) subscriber.error(payload.error);
    });

    const eachBatch = async ({ batch, heartbeat, resolveOffset, isRunning, isStale }: EachBatchPayload) => {
      if (stopping || !isRunning() || isStale() || batch.messages.length === 0) return;
      let fail: (error: Error) => void = () => undefined;
      const promise = new Promise<BatchOutcome>((resolve, reject) => {
        fail = reject;
        subscriber.next({
          topic: batch.topic,
          partition: batch.partition,
          records: batch.messages.map((m) => toRecord(batch.topic, batch.partition, m)),
          firstOffset: batch.messages[0].offset,
          lastOffset: batch.messages[batch.messages.length - 1].offset,
          highWatermark: batch.highWatermark,
          heartbeat,
          ack: (result = {}) => resolve(result),
          fail: reject,
        });
      });
      const entry = { promise, fail };
      inFlight.add(entry);
      // kafkajs heartbeats only between batches. A batch held longer than the session timeout (a big
      // slice, a snapshot, the store slow) would get this member removed and the group rebalanced again
      // and again; so heartbeat on its behalf while it is in flight. If the group is rebalancing, the
      // batch is failed: its work is replayable, and kafkajs can rejoin at once.
      const keepAlive = setInterval(() => {
        heartbeat().catch((error: unknown) => {
          if (lostMembership(error)) fail(error as Error);
        });
      }, options.heartbeatIntervalMs ?? 3000);
      let outcome: BatchOutcome;
      try {
        outcome = await promise;
      } finally {
        clearInterval(keepAlive);
        inFlight.delete(entry);
      }
      resolveOffset(batch.messages[batch.messages.length - 1].offset);
      if (outcome.commitOffset !== undefined) {
        try {
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: outcome.commitOffset }]);
        } catch (error) {
          // Membership lost (this member was too slow to heartbeat and was removed, or a rebalance began):
          // the commit is refused, but nothing is lost - the snapshot it would have confirmed is durable
          // and the partition's next owner resumes from it. kafkajs rejoins on its next heartbeat; dying
          // here would turn a slow moment into a restart.
          if (!lostMembership(error)) throw error;
        }
      }
    };

    (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [options.topic], fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 64,
        eachBatch,
      });
    })().catch((error) => {
      if (!stopping) subscriber.error(error);
    });

    // Early unsubscribe: give in-flight batches no grace, leave the group.
    return () => void stop(0);
  });
  return { batches, stop, commit };
}
