import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Benchmark, Sample } from '../benchmark';
import { root } from './pipeline-process';

const run = promisify(execFile);

interface ClassifierRun {
  opsPerSec: number;
  meanChars: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  idleEventLoopDelayMs: { p99: number };
  onMainThread: { opsPerSec: number; eventLoopDelayMs: { p99: number; max: number } };
}

/**
 * ONNX classifiers off the event loop (libs/models/bench/classifiers.bench.ts, in its own process so its
 * worker threads and onnxruntime arenas start fresh): responses/s through TextClassifier, batched, on
 * the real XSTest responses, with the caller's event-loop delay while it runs. The baseline is the same
 * model run on the caller's thread in the same process (what the worker avoids).
 */
export function classifiersBenchmark(model: string): Benchmark {
  let last: ClassifierRun | undefined;
  const measure = async (quick: boolean) => {
    const { stdout } = await run(process.execPath, ['bin/run-ts.js', 'libs/models/bench/classifiers.bench.ts', '--model', model, '--passes', quick ? '2' : '10'], { cwd: root, maxBuffer: 1 << 20 });
    last = JSON.parse(stdout.trim().split('\n').pop()!) as ClassifierRun;
    return last;
  };
  return {
    name: `classifier-${model}`,
    description: `ONNX ${model} classifier in a worker thread, batched (256), real XSTest responses: responses/s and the caller's event-loop delay`,
    target: { metric: 'opsPerSec', atLeast: 5000, note: '>= 5,000 responses/s batched, off the event loop' },
    baselineName: 'the same model on the main thread',
    repeats: { quick: 1, full: 3 },
    // One child process per repetition measures both: the baseline call runs it, the subject call reads it.
    async baseline({ quick }): Promise<Sample> {
      const r = await measure(quick);
      return { opsPerSec: r.onMainThread.opsPerSec, p99Ms: r.onMainThread.eventLoopDelayMs.p99, extra: { eventLoopDelayMaxMs: r.onMainThread.eventLoopDelayMs.max } };
    },
    async run({ quick }): Promise<Sample> {
      const r = last ?? (await measure(quick));
      last = undefined;
      return { opsPerSec: r.opsPerSec, p50Ms: r.eventLoopDelayMs.p50, p99Ms: r.eventLoopDelayMs.p99, extra: { eventLoopDelayMaxMs: r.eventLoopDelayMs.max, idleEventLoopDelayP99Ms: r.idleEventLoopDelayMs.p99, meanChars: r.meanChars } };
    },
  };
}
