// Public API of tools/bench: the harness, so benchmark modules elsewhere share its types.
export type { Benchmark, BenchmarkContext, Sample } from './benchmark';
export { percentile, spread, summarizeSamples } from './summarize';
export { runBenchmark, type BenchmarkResult } from './run-benchmarks';
