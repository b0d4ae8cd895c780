// Classifier throughput off the event loop: responses/s through TextClassifier (worker thread, batched)
// on real XSTest responses, with the caller's event-loop delay sampled while they run.
// `node bin/run-ts.js libs/models/bench/classifiers.bench.ts [--model refusal] [--passes 20] [--instances 1]`
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadManifest, parseCsvObjects, resolveManifestPath, TextClassifier } from '../src';
import { OnnxTextModel } from '../src/worker/onnx-session';

export interface ClassifierBenchOptions {
  model?: string;
  /** How many times the 1,350 responses are classified. */
  passes?: number;
  /** TextClassifier instances (one worker each) sharing the load round-robin. */
  instances?: number;
  maxBatch?: number;
  datasetsDir?: string;
}

export interface ClassifierBenchResult {
  model: string;
  instances: number;
  responses: number;
  meanChars: number;
  opsPerSec: number;
  seconds: number;
  /** Caller's event-loop delay while classifying (perf_hooks.monitorEventLoopDelay, ms). */
  eventLoopDelayMs: Delay;
  /** The same monitor over the same span of an idle loop: what "no added delay" reads as. */
  idleEventLoopDelayMs: Delay;
  /** Contrast: the same model run on the caller's thread (what the worker avoids). */
  onMainThread: { opsPerSec: number; eventLoopDelayMs: Delay };
  target: string;
}

interface Delay {
  p50: number;
  p99: number;
  max: number;
}

const RESOLUTION_MS = 5;

async function measureDelay<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; delay: Delay }> {
  const monitor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  monitor.enable();
  const started = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  monitor.disable();
  const ms = (ns: number) => Number((ns / 1e6).toFixed(2));
  return { result, seconds, delay: { p50: ms(monitor.percentile(50)), p99: ms(monitor.percentile(99)), max: ms(monitor.max) } };
}

/** Runs the model on this thread, chunk after chunk, yielding to the loop between chunks. */
async function classifyOnMainThread(model: string, texts: string[], chunk: number): Promise<{ opsPerSec: number; eventLoopDelayMs: Delay }> {
  const { manifest, modelPath } = await loadManifest(resolveManifestPath(model));
  const onnx = await OnnxTextModel.open(manifest, modelPath, { intraOpThreads: 1, interOpThreads: 1 });
  try {
    const { seconds, delay } = await measureDelay(async () => {
      for (let i = 0; i < texts.length; i += chunk) await onnx.run(texts.slice(i, i + chunk));
    });
    return { opsPerSec: Math.round(texts.length / seconds), eventLoopDelayMs: delay };
  } finally {
    await onnx.release();
  }
}

const DEFAULT_DATASETS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'datasets');

function realResponses(datasetsDir: string): string[] {
  return ['llama2orig', 'llama2new', 'mistralinstruct'].flatMap((m) =>
    parseCsvObjects(fs.readFileSync(path.join(datasetsDir, 'xstest', `completions_${m}.csv`), 'utf8')).map((r) => r['completion']!),
  );
}

export async function runClassifierBenchmark(options: ClassifierBenchOptions = {}): Promise<ClassifierBenchResult> {
  const model = options.model ?? 'refusal';
  const passes = options.passes ?? 20;
  const instances = options.instances ?? 1;
  const chunk = options.maxBatch ?? 256;
  const texts = realResponses(options.datasetsDir ?? DEFAULT_DATASETS);
  const classifiers = await Promise.all(Array.from({ length: instances }, () => TextClassifier.open(model, { maxBatch: chunk })));
  try {
    await Promise.all(classifiers.map((c) => c.classify(texts.slice(0, 512)))); // warm-up: JIT and onnxruntime arenas
    const idle = await measureDelay(() => new Promise((resolve) => setTimeout(resolve, 1000)));
    // Chunks go out as a producer would send them; classify() itself applies the queue bound.
    const run = await measureDelay(async () => {
      const pending: Promise<unknown>[] = [];
      let next = 0;
      for (let pass = 0; pass < passes; pass++) {
        for (let i = 0; i < texts.length; i += chunk) pending.push(classifiers[next++ % instances]!.classify(texts.slice(i, i + chunk)));
      }
      await Promise.all(pending);
    });
    return {
      model,
      instances,
      responses: texts.length * passes,
      meanChars: Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length),
      opsPerSec: Math.round((texts.length * passes) / run.seconds),
      seconds: Number(run.seconds.toFixed(2)),
      eventLoopDelayMs: run.delay,
      idleEventLoopDelayMs: idle.delay,
      onMainThread: await classifyOnMainThread(model, texts, chunk),
      target: '>= 5,000 responses/s batched, off the event loop (MISSION.md)',
    };
  } finally {
    await Promise.all(classifiers.map((c) => c.close()));
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { model: { type: 'string' }, passes: { type: 'string' }, instances: { type: 'string' }, 'max-batch': { type: 'string' } } });
  runClassifierBenchmark({
    model: values.model,
    passes: values.passes ? Number(values.passes) : undefined,
    instances: values.instances ? Number(values.instances) : undefined,
    maxBatch: values['max-batch'] ? Number(values['max-batch']) : undefined,
  }).then((result) => process.stdout.write(JSON.stringify(result) + '\n'));
}
