import type { Benchmark } from '../benchmark';
import { classifiersBenchmark } from './classifiers.bench';
import { clickhouseWriterEmbeddedBenchmark, clickhouseWriterHttpBenchmark } from './clickhouse-writer.bench';
import { kafkaConsumerBenchmark } from './kafka-consumer.bench';
import { kafkaPipelineBenchmark } from './kafka-pipeline.bench';
import { latencyBenchmark } from './latency.bench';
import { memorySoakBenchmark } from './memory-soak.bench';
import { operatorChainBenchmark } from './operator-chain.bench';
import { ratingsRefitBenchmark, styleControlRefitBenchmark } from './ratings-refit.bench';
import { sessionMemoryBenchmark } from './session-memory.bench';

/** Every benchmark `npm run bench` knows, in the order they run. */
export const BENCHMARKS: Record<string, () => Benchmark> = {
  'operator-chain': operatorChainBenchmark,
  'ratings-refit': ratingsRefitBenchmark,
  'style-control-refit': styleControlRefitBenchmark,
  'session-memory': sessionMemoryBenchmark,
  'classifier-refusal': () => classifiersBenchmark('refusal'),
  'classifier-toxicity': () => classifiersBenchmark('toxicity'),
  'clickhouse-writer-embedded': clickhouseWriterEmbeddedBenchmark,
  'clickhouse-writer-http': clickhouseWriterHttpBenchmark,
  'kafka-bare-consumer': kafkaConsumerBenchmark,
  'kafka-end-to-end': () => kafkaPipelineBenchmark({ name: 'kafka-end-to-end' }),
  'kafka-end-to-end-no-classifiers': () => kafkaPipelineBenchmark({ name: 'kafka-end-to-end-no-classifiers', streamModels: 'none' }),
  latency: () => latencyBenchmark({ name: 'latency', rate: 10_000, streamModels: 'none', store: 'embedded' }),
  'latency-5k': () => latencyBenchmark({ name: 'latency-5k', rate: 5000, streamModels: 'none', store: 'embedded' }),
  'latency-http': () => latencyBenchmark({ name: 'latency-http', rate: 10_000, streamModels: 'none', store: 'http' }),
  'latency-classifiers': () => latencyBenchmark({ name: 'latency-classifiers', rate: 3000, streamModels: 'refusal,toxicity,harmful-request', store: 'embedded' }),
  'memory-soak': memorySoakBenchmark,
};
