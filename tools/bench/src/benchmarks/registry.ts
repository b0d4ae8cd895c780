import type { Benchmark } from '../benchmark';
import { kafkaConsumerBenchmark } from './kafka-consumer.bench';
import { kafkaPipelineBenchmark } from './kafka-pipeline.bench';
import { operatorChainBenchmark } from './operator-chain.bench';

/** Every benchmark `npm run bench` knows, in the order they run. */
export const BENCHMARKS: Record<string, () => Benchmark> = {
  'operator-chain': operatorChainBenchmark,
  'kafka-bare-consumer': kafkaConsumerBenchmark,
  'kafka-end-to-end': kafkaPipelineBenchmark,
};
