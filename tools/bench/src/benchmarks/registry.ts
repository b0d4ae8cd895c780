import type { Benchmark } from '../benchmark';
import { clickhouseWriterEmbeddedBenchmark, clickhouseWriterHttpBenchmark } from './clickhouse-writer.bench';
import { kafkaConsumerBenchmark } from './kafka-consumer.bench';
import { kafkaPipelineBenchmark } from './kafka-pipeline.bench';
import { operatorChainBenchmark } from './operator-chain.bench';
import { ratingsRefitBenchmark, styleControlRefitBenchmark } from './ratings-refit.bench';
import { sessionMemoryBenchmark } from './session-memory.bench';

/** Every benchmark `npm run bench` knows, in the order they run. */
export const BENCHMARKS: Record<string, () => Benchmark> = {
  'operator-chain': operatorChainBenchmark,
  'ratings-refit': ratingsRefitBenchmark,
  'style-control-refit': styleControlRefitBenchmark,
  'session-memory': sessionMemoryBenchmark,
  'clickhouse-writer-embedded': clickhouseWriterEmbeddedBenchmark,
  'clickhouse-writer-http': clickhouseWriterHttpBenchmark,
  'kafka-bare-consumer': kafkaConsumerBenchmark,
  'kafka-end-to-end': kafkaPipelineBenchmark,
};
