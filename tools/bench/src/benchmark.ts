/** What one repetition of a benchmark measured. */
export interface Sample {
  /** Operations (events, rows, responses...) per second. */
  opsPerSec?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Anything else worth reporting (bytes per conversation, event-loop delay...). */
  extra?: Record<string, number | string>;
}

export interface BenchmarkContext {
  quick: boolean;
  /** Length of the memory soak (`--soak-minutes`); default 60 in full mode. */
  soakMinutes?: number;
}

/**
 * A benchmark and, optionally, the baseline it is compared with. The harness runs them alternately in
 * the same process and run (baseline, subject, baseline, subject, ...) so machine noise hits both.
 */
export interface Benchmark {
  name: string;
  description: string;
  /** The quality bar from MISSION.md, if there is one. */
  target?: { metric: keyof Sample | string; atLeast?: number; atMost?: number; note: string };
  /** Ratio target against the baseline, if any (e.g. 0.6 of a bare kafkajs consumer). */
  ratioTarget?: number;
  /**
   * The figure the subject/baseline ratio is taken of (a Sample field or an `extra` key). Default
   * opsPerSec; e.g. bytesPerConversation for a memory benchmark (a ratio below 1 is then smaller).
   */
  ratioMetric?: string;
  baselineName?: string;
  setup?(context: BenchmarkContext): Promise<void>;
  run(context: BenchmarkContext): Promise<Sample>;
  baseline?(context: BenchmarkContext): Promise<Sample>;
  teardown?(): Promise<void>;
  /** False for a benchmark that warms up inside its own run (a soak): no separate warm-up repetition. */
  warmup?: boolean;
  /** Repetitions after one warm-up; the harness picks a default by quick/full. */
  repeats?: { quick: number; full: number };
}
