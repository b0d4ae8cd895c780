import { startDevBroker, type DevBroker } from '@prefstream/dev-broker';
import { createRecordProducer, ensureTopics, type KafkaConnection } from '@prefstream/kafka';
import { PacedSyntheticTraffic } from '@prefstream/sources';
import type { Benchmark, Sample } from '../benchmark';
import { percentile } from '../summarize';
import { startPipelineProcess } from './pipeline-process';

/** Steady traffic, well inside what one process handles, so a growing backlog cannot pass for a leak. */
const RATE = Number(process.env.PREFSTREAM_SOAK_RATE ?? 2000);
const SAMPLE_EVERY_MS = 5000;

interface MemorySample {
  minute: number;
  rssMb: number;
  heapMb: number;
  openConversations: number;
  events: number;
  sent: number;
}

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

/**
 * Memory over a soak: a `prefstream run` process as shipped (embedded ClickHouse, ONNX classifiers in
 * the stream) fed a steady 2,000 events/s of live synthetic traffic for an hour (`--soak-minutes`; quick:
 * 1 minute). Every 5 s: its RSS (from /proc, so including chdb and the ONNX workers), its JS heap and
 * open conversations (from /metrics). Growth is the least-squares slope over the last third, after the
 * open conversations have reached their steady level; flat means under 5% of RSS per hour.
 */
export function memorySoakBenchmark(): Benchmark {
  let broker: DevBroker;
  let connection: KafkaConnection;
  let round = 0;
  return {
    name: 'memory-soak',
    description: `RSS of prefstream run (embedded store, classifiers on) under a steady ${RATE.toLocaleString('en')} events/s for --soak-minutes (default 60; quick: 1): growth per hour over the last third`,
    target: { metric: 'rssGrowthPctPerHour', atMost: 5, note: 'no growth over a 1-hour soak (under 5% of RSS per hour)' },
    repeats: { quick: 1, full: 1 },
    warmup: false,
    async setup() {
      broker = await startDevBroker({ initialRebalanceDelayMs: 0 });
      connection = { brokers: [broker.brokers], clientId: 'bench-soak' };
    },
    async run({ quick, soakMinutes }): Promise<Sample> {
      const minutes = soakMinutes ?? (quick ? 1 : 60);
      const id = `soak${round++}`;
      await ensureTopics(connection, [{ topic: id, partitions: 4 }, { topic: `${id}.dlq`, partitions: 1 }]);
      const pipeline = startPipelineProcess({ brokers: broker.brokers, topic: id, group: id });
      const producer = await createRecordProducer(connection);
      const samples: MemorySample[] = [];
      try {
        await pipeline.assigned();
        const traffic = new PacedSyntheticTraffic({ eventsPerSecond: RATE, startMs: Date.now(), seed: round, idPrefix: `${id}-` });
        const started = Date.now();
        let nextSample = started + SAMPLE_EVERY_MS;
        let sent = 0;
        while (Date.now() < started + minutes * 60_000) {
          if (pipeline.child.exitCode !== null) throw new Error(`prefstream run exited with ${pipeline.child.exitCode} after ${((Date.now() - started) / 60_000).toFixed(1)} minutes (${samples.at(-1)?.openConversations ?? 0} open conversations, RSS ${Math.round(samples.at(-1)?.rssMb ?? 0)} MB at the last sample):\n${pipeline.logTail()}`);
          const batch = traffic.due(Date.now());
          sent += batch.length;
          await producer.send(id, batch.map((e) => ({ key: e.conversation_id, value: JSON.stringify(e) })));
          if (Date.now() >= nextSample) {
            nextSample += SAMPLE_EVERY_MS;
            const [heap, open, events] = await Promise.all([pipeline.counter('nodejs_heap_used_bytes'), pipeline.counter('prefstream_open_conversations'), pipeline.counter('prefstream_events_accepted_total')]);
            samples.push({ minute: (Date.now() - started) / 60_000, rssMb: pipeline.rssBytes() / 2 ** 20, heapMb: heap / 2 ** 20, openConversations: open, events, sent });
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        return summarize(samples, sent, minutes);
      } finally {
        await producer.disconnect().catch(() => undefined);
        await pipeline.stop();
      }
    },
    async teardown() {
      await broker?.stop();
    },
  };
}

function summarize(samples: MemorySample[], sent: number, minutes: number): Sample {
  // The open state fills for sessionGap + lateness (32 min by default) before conversations start to be
  // evicted, so only the last third of an hour-long soak is steady: the fit and medians use that.
  const steady = samples.filter((s) => s.minute >= (minutes * 2) / 3);
  const last = samples[samples.length - 1];
  const median = (xs: number[]) => percentile(xs, 50);
  const rssMedian = median(steady.map((s) => s.rssMb));
  const rssPerHour = slope(steady.map((s) => ({ x: s.minute / 60, y: s.rssMb })));
  const heapPerHour = slope(steady.map((s) => ({ x: s.minute / 60, y: s.heapMb })));
  // A dozen points of the curve, so the report can show its shape, not just its slope.
  const step = Math.max(1, Math.round(samples.length / 12));
  const curve = Object.fromEntries(samples.filter((_, i) => i % step === step - 1).map((s) => [`rssMbAtMinute${s.minute.toFixed(1)}`, Math.round(s.rssMb)]));
  return {
    opsPerSec: last ? last.events / (last.minute * 60) : 0,
    extra: {
      minutes,
      eventsSent: sent,
      eventsProcessed: last?.events ?? 0,
      // Sent but not yet processed at the last sample: a backlog would grow memory for a reason other than a leak.
      backlogAtLastSample: last ? last.sent - last.events : 0,
      rssMbMedianLastThird: rssMedian,
      rssMbMax: Math.max(...samples.map((s) => s.rssMb)),
      rssGrowthMbPerHour: rssPerHour,
      rssGrowthPctPerHour: (100 * rssPerHour) / rssMedian,
      heapMbMedianLastThird: median(steady.map((s) => s.heapMb)),
      heapGrowthMbPerHour: heapPerHour,
      openConversationsMedianLastThird: median(steady.map((s) => s.openConversations)),
      ...curve,
    },
  };
}
