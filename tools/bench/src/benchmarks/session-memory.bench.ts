import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Benchmark, Sample } from '../benchmark';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..', '..', '..');

interface ChildResult {
  kept: 'engine' | 'events';
  openConversations: number;
  openTurns: number;
  bytesPerConversation: number;
  eventsPerSecond: number;
  shortResponseEventsPerSecond: number;
  gcExposed: boolean;
}

/** One measurement in its own process (a clean heap, the GC exposed): libs/signals/bench/session-memory.bench.ts. */
async function measure(conversations: number, keep: 'engine' | 'events', throughput: boolean): Promise<ChildResult> {
  const args = ['--expose-gc', 'bin/run-ts.js', 'libs/signals/bench/session-memory.bench.ts', '--conversations', String(conversations), '--keep', keep, ...(throughput ? [] : ['--no-throughput'])];
  const { stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
  if (!result.gcExposed) throw new Error('session-memory child ran without --expose-gc');
  if (result.openConversations !== conversations) throw new Error(`expected ${conversations} open conversations, got ${result.openConversations}`);
  return result;
}

/**
 * Bytes of signal-engine state per open conversation at 100,000 open conversations (quick: 10,000), each
 * in a fresh process with the GC forced before and after. Baseline, same run: the naive session state,
 * the same conversations' decoded events kept as they are. Target (MISSION.md): <= 2 KB.
 */
export function sessionMemoryBenchmark(): Benchmark {
  let conversations = 0;
  return {
    name: 'session-memory',
    description: 'signal-engine heap per open conversation at 100,000 open conversations (quick: 10,000), responses of 300-2,000 chars',
    target: { metric: 'bytesPerConversation', atMost: 2048, note: '<= 2 KB per open conversation' },
    baselineName: 'the same conversations kept as decoded events',
    ratioMetric: 'bytesPerConversation',
    repeats: { quick: 1, full: 3 },
    async setup({ quick }) {
      conversations = quick ? 10_000 : 100_000;
    },
    async run(): Promise<Sample> {
      const r = await measure(conversations, 'engine', true);
      return { extra: { bytesPerConversation: r.bytesPerConversation, openConversations: r.openConversations, openTurns: r.openTurns, engineEventsPerSec: r.eventsPerSecond, engineShortResponseEventsPerSec: r.shortResponseEventsPerSecond } };
    },
    async baseline(): Promise<Sample> {
      const r = await measure(conversations, 'events', false);
      return { extra: { bytesPerConversation: r.bytesPerConversation, turnEvents: r.openTurns } };
    },
  };
}
