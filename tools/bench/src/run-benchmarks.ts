import os from 'node:os';
import type { Benchmark, BenchmarkContext, Sample } from './benchmark';
import { summarizeSamples, type Spread } from './summarize';

export interface BenchmarkResult {
  name: string;
  description: string;
  repeats: number;
  opsPerSec?: number;
  p50Ms?: number;
  p99Ms?: number;
  rssMb: number;
  subject: Record<string, Spread>;
  baseline?: { name: string; metrics: Record<string, Spread> };
  /** Median of the per-repetition ratios subject/baseline (of ratioMetric, default ops/s), measured side by side. */
  ratio?: Spread;
  /** What the ratio is of, when not ops/s. */
  ratioMetric?: string;
  target?: Benchmark['target'] & { met: boolean | undefined };
  ratioTarget?: { atLeast: number; met: boolean | undefined };
  error?: string;
}

export const machine = () => ({
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`,
});

/** A figure of a sample: opsPerSec, p50Ms, p99Ms or an `extra` key (default opsPerSec). */
export function metricOf(sample: Sample, metric = 'opsPerSec'): number | undefined {
  const value = metric === 'opsPerSec' || metric === 'p50Ms' || metric === 'p99Ms' ? sample[metric] : sample.extra?.[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function checkTarget(target: Benchmark['target'], metrics: Record<string, Spread>): boolean | undefined {
  if (!target) return undefined;
  const value = metrics[target.metric]?.median;
  if (value === undefined) return undefined;
  return (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost);
}

/** Runs one benchmark: warm-up, then alternating baseline/subject repetitions. Never throws. */
export async function runBenchmark(bench: Benchmark, context: BenchmarkContext): Promise<BenchmarkResult> {
  const repeats = context.quick ? bench.repeats?.quick ?? 1 : bench.repeats?.full ?? 5;
  const subject: Sample[] = [];
  const baseline: Sample[] = [];
  const ratios: number[] = [];
  let peakRss = 0;
  const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  try {
    await bench.setup?.(context);
    if (!context.quick && bench.warmup !== false) {
      await bench.baseline?.(context);
      await bench.run(context);
    }
    for (let i = 0; i < repeats; i++) {
      const b = bench.baseline ? await bench.baseline(context) : undefined;
      sampleRss();
      const s = await bench.run(context);
      sampleRss();
      subject.push(s);
      if (b) {
        baseline.push(b);
        const subjectValue = metricOf(s, bench.ratioMetric);
        const baselineValue = metricOf(b, bench.ratioMetric);
        if (subjectValue !== undefined && baselineValue) ratios.push(subjectValue / baselineValue);
      }
    }
  } catch (error) {
    return { name: bench.name, description: bench.description, repeats, rssMb: peakRss / 2 ** 20, subject: {}, error: (error as Error).stack ?? String(error) };
  } finally {
    await bench.teardown?.().catch(() => undefined);
  }
  const metrics = summarizeSamples(subject);
  const ratio = ratios.length ? summarizeSamples(ratios.map((r) => ({ opsPerSec: r }))).opsPerSec : undefined;
  return {
    name: bench.name,
    description: bench.description,
    repeats,
    opsPerSec: metrics.opsPerSec?.median,
    p50Ms: metrics.p50Ms?.median,
    p99Ms: metrics.p99Ms?.median,
    rssMb: Math.round(peakRss / 2 ** 20),
    subject: metrics,
    baseline: bench.baseline ? { name: bench.baselineName ?? 'baseline', metrics: summarizeSamples(baseline) } : undefined,
    ratio,
    ratioMetric: bench.ratioMetric,
    target: bench.target ? { ...bench.target, met: checkTarget(bench.target, metrics) } : undefined,
    ratioTarget: bench.ratioTarget !== undefined ? { atLeast: bench.ratioTarget, met: ratio ? ratio.median >= bench.ratioTarget : undefined } : undefined,
  };
}
