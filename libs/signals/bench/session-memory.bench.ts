// Bytes of engine state per open conversation, measured at 100,000 open conversations, and the
// engine's throughput. Run with the GC exposed for a clean heap measurement:
//   node --expose-gc bin/run-ts.js libs/signals/bench/session-memory.bench.ts [--conversations N]
//     [--keep events] [--no-throughput]
// `--keep events` measures the naive alternative instead: the same conversations' events kept as
// decoded objects (a baseline for the engine's sketches); tools/bench runs both, one process each.
import { parseArgs } from 'node:util';
import type { PrefEvent } from '@prefstream/events';
import { createSignalEngine } from '../src/engine/signal-engine';
import { materialise, planWorkload } from './chat-workload';

export interface SessionMemoryResult {
  name: 'signals-session-memory';
  /** What was held: the engine's state, or (baseline) the raw events of the same conversations. */
  kept: 'engine' | 'events';
  openConversations: number;
  openTurns: number;
  bytesPerConversation: number;
  targetBytesPerConversation: 2048;
  /** Engine throughput with responses of 300-2,000 characters (every response is sketched); NaN when skipped. */
  eventsPerSecond: number;
  /** The same with responses of 50-300 characters, closer to the synthetic demo traffic; NaN when skipped. */
  shortResponseEventsPerSecond: number;
  throughputEvents: number;
  /** False when run without --expose-gc: the heap figure then includes uncollected garbage. */
  gcExposed: boolean;
}

const collect = () => (globalThis as { gc?: () => void }).gc?.();

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) collect();
  return process.memoryUsage().heapUsed;
}

export async function sessionMemoryBench(options: { conversations?: number; throughputConversations?: number; keep?: 'engine' | 'events' } = {}): Promise<SessionMemoryResult> {
  const conversations = options.conversations ?? 100_000;
  const keep = options.keep ?? 'engine';
  // All conversations start within 10 minutes and last at most ~12, inside the 30-minute session gap,
  // so all are open at the end, in the steady state of a busy partition (older turns settled).
  let plan: ReturnType<typeof planWorkload> | undefined = planWorkload(conversations, 10 * 60_000, 1);
  const engine = createSignalEngine();
  const kept = new Map<string, PrefEvent[]>();
  const before = heapAfterGc();
  if (keep === 'engine') plan.forEach((entry, i) => engine.process(materialise(entry, i)));
  else {
    plan.forEach((entry, i) => {
      const event = materialise(entry, i);
      let list = kept.get(event.conversation_id);
      if (!list) kept.set(event.conversation_id, (list = []));
      list.push(event);
    });
  }
  plan = undefined;
  const after = heapAfterGc();
  const stats = keep === 'engine' ? engine.stats() : { openConversations: kept.size, openTurns: [...kept.values()].reduce((n, l) => n + l.filter((e) => e.type === 'turn').length, 0) };

  // Throughput on pre-built events (text generation excluded), fresh engine each time.
  const throughputConversations = options.throughputConversations ?? 25_000;
  const planned = throughputConversations > 0 ? planWorkload(throughputConversations, 10 * 60_000, 2) : [];
  const eventsPerSecond = (events: PrefEvent[]) => {
    const timed = createSignalEngine();
    const start = process.hrtime.bigint();
    for (const event of events) timed.process(event);
    return Math.round(events.length / (Number(process.hrtime.bigint() - start) / 1e9));
  };
  const long = planned.length ? eventsPerSecond(planned.map((entry, i) => materialise(entry, i))) : NaN;
  const short = planned.length ? eventsPerSecond(planned.map((entry, i) => materialise(entry, i, 50, 300))) : NaN;

  return {
    name: 'signals-session-memory',
    kept: keep,
    openConversations: stats.openConversations,
    openTurns: stats.openTurns,
    bytesPerConversation: Math.round((after - before) / stats.openConversations),
    targetBytesPerConversation: 2048,
    eventsPerSecond: long,
    shortResponseEventsPerSecond: short,
    throughputEvents: planned.length,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { conversations: { type: 'string' }, keep: { type: 'string', default: 'engine' }, 'no-throughput': { type: 'boolean' } } });
  if (values.keep !== 'engine' && values.keep !== 'events') throw new Error('--keep is engine or events');
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    process.stderr.write('note: run with `node --expose-gc bin/run-ts.js ...` for an exact heap figure; measuring without forced GC\n');
  }
  sessionMemoryBench({ conversations: values.conversations ? Number(values.conversations) : undefined, keep: values.keep, throughputConversations: values['no-throughput'] ? 0 : undefined })
    .then((result) => console.log(JSON.stringify(result)));
}
