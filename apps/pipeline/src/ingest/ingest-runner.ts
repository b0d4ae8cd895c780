import { mergeMap, type Subscription } from 'rxjs';
import { createBatchConsumer, createRecordProducer, type AckableBatch, type KafkaConnection } from '@prefstream/kafka';
import { createUserHasher, PartitionProcessor } from '@prefstream/processing';
import type { SignalEngineConfig } from '@prefstream/signals';
import type { OutputStore } from './output-store';
import { SliceScorer } from '../scoring/slice-scorer';
import { CheckpointLog } from './checkpoint-log';
import { sendDeadLetters } from './dead-letters';
import { PartitionWorker } from './partition-worker';
import type { PipelineMetrics } from '../metrics/pipeline-metrics';

export interface IngestOptions {
  connection: KafkaConnection;
  topic: string;
  group: string;
  deadLetterTopic: string;
  store: OutputStore;
  userHashKey: string;
  maxEventBytes: number;
  /** Signal engine settings (lateness, session and abandonment gaps, reward weights). */
  signals?: Partial<SignalEngineConfig>;
  /** ONNX classifiers run on every slice before processing (refusal, toxicity, harmful-request); none when empty. */
  streamModels?: readonly string[];
  metrics: PipelineMetrics;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Snapshot cadence (settings `ingest.snapshotEverySlices` / `ingest.snapshotEveryMs`). */
  snapshotEverySlices: number;
  snapshotEveryMs: number;
  sessionTimeoutMs?: number;
  maxBytesPerPartition?: number;
}

export interface IngestRunner {
  /** Resolves when the runner stopped; rejects on a fatal (non-retriable) error. */
  done: Promise<void>;
  /** Graceful stop: finish in-flight batches, snapshot and commit every partition, leave the group. */
  stop(graceMs?: number): Promise<void>;
}

const key = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * `prefstream run`: Kafka in, ClickHouse out, effectively once. Each assigned partition gets a
 * PartitionWorker (restored from its checkpoint); batches of different partitions run concurrently,
 * one in flight per partition, so a slow or unavailable store pauses consumption (back-pressure).
 */
export async function startIngest(options: IngestOptions): Promise<IngestRunner> {
  const { metrics, topic } = options;
  const hashUser = createUserHasher(options.userHashKey);
  const checkpoints = new CheckpointLog(options.store, options.group);
  const producer = await createRecordProducer(options.connection);
  const scorer = await SliceScorer.open(options.streamModels ?? []);
  const workers = new Map<string, Promise<PartitionWorker>>();

  const workerFor = (batch: AckableBatch) => {
    let worker = workers.get(key(batch.topic, batch.partition));
    if (!worker) {
      const created = new PartitionWorker({
        topic: batch.topic,
        partition: batch.partition,
        store: options.store,
        checkpoints,
        createProcessor: (state) => new PartitionProcessor({ hashUser, maxEventBytes: options.maxEventBytes, signals: options.signals }, state),
        scoreSlice: scorer.models.length > 0 ? (events) => scorer.score(events) : undefined,
        snapshotEverySlices: options.snapshotEverySlices,
        snapshotEveryMs: options.snapshotEveryMs,
        deadLetter: (output) => sendDeadLetters(producer, options.deadLetterTopic, output.deadLetters),
        onBlocked: async (blocked, error) => {
          metrics.sinkBlocked.set({ topic: batch.topic, partition: batch.partition }, blocked ? 1 : 0);
          if (blocked) options.log('warn', `store unavailable for ${batch.topic}/${batch.partition}, holding the partition: ${(error as Error)?.message ?? error}`);
        },
        onInsert: (table, seconds, failed) => {
          metrics.insertSeconds.observe({ table }, seconds);
          if (failed) metrics.insertRetries.inc({ table }, failed);
        },
        onSlice: (slice, output, seconds) => {
          metrics.batchSeconds.observe({ topic }, seconds);
          metrics.eventsOut.inc({ topic }, output.counters.accepted);
          for (const [reason, n] of Object.entries(output.counters.rejectedByReason)) metrics.eventsRejected.inc({ topic, reason }, n);
          if (output.counters.duplicates > 0) metrics.eventsDuplicate.inc({ topic }, output.counters.duplicates);
          for (const late of output.tables.late_events) metrics.eventsLate.inc({ topic, reason: late.reason });
          for (const [table, rows] of Object.entries(output.tables)) if (rows.length > 0) metrics.rowsWritten.inc({ table }, rows.length);
          if (slice.replayed) metrics.replayedRanges.inc({ topic });
          const state = created.stateStats;
          metrics.openConversations.set({ topic: batch.topic, partition: batch.partition }, state.openConversations);
          metrics.openTurns.set({ topic: batch.topic, partition: batch.partition }, state.openTurns);
        },
      });
      worker = created.init().then(() => created);
      workers.set(key(batch.topic, batch.partition), worker);
    }
    return worker;
  };

  const consumer = createBatchConsumer({
    connection: options.connection,
    topic,
    groupId: options.group,
    sessionTimeoutMs: options.sessionTimeoutMs ?? 10000,
    heartbeatIntervalMs: 1000,
    maxBytesPerPartition: options.maxBytesPerPartition,
    onAssignment: (assignment) => {
      const owned = new Set(assignment.flatMap((a) => a.partitions.map((p) => key(a.topic, p))));
      for (const k of [...workers.keys()]) {
        if (!owned.has(k)) {
          workers.delete(k); // revoked: the next owner restores from the checkpoint
          const [t, p] = k.split('/');
          for (const gauge of [metrics.consumerLag, metrics.openConversations, metrics.openTurns]) gauge.delete({ topic: t, partition: p });
        }
      }
      options.log('info', `assigned ${[...owned].join(', ') || 'nothing'}`);
    },
  });

  let subscription: Subscription | undefined;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finished = resolve;
    subscription = consumer.batches
      .pipe(
        mergeMap(async (batch) => {
          metrics.eventsIn.inc({ topic }, batch.records.length);
          try {
            const worker = await workerFor(batch);
            // A heartbeat that reports a rebalance throws, abandoning this batch: the partition's next owner
            // replays it from the checkpoint, so nothing is lost or doubled.
            const commitOffset = await worker.handle(batch.records, { heartbeat: () => batch.heartbeat() });
            metrics.consumerLag.set({ topic: batch.topic, partition: batch.partition }, Number(BigInt(batch.highWatermark) - BigInt(batch.lastOffset) - 1n));
            batch.ack({ commitOffset });
          } catch (error) {
            batch.fail(error as Error);
            throw error;
          }
        }),
      )
      .subscribe({ error: reject, complete: resolve });
  });

  const stop = async (graceMs = 15000) => {
    await consumer.stop(graceMs, async () => {
      // Snapshot every partition this process still owns and commit it, so the next owner replays nothing.
      for (const [k, pending] of workers) {
        const worker = await pending;
        const offset = await worker.snapshot();
        const [t, p] = k.split('/');
        if (offset !== undefined) await consumer.commit(t, Number(p), offset);
      }
    });
    subscription?.unsubscribe();
    await producer.disconnect().catch(() => undefined);
    await scorer.close().catch(() => undefined);
    finished();
  };

  return { done, stop };
}
