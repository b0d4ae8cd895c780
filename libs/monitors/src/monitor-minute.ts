import type { ClassifierScoreName } from '@prefstream/features';
import type { SignalKind } from '@prefstream/signals';
import type { BatchSummary } from './batch-summary';

/**
 * One merged minute of one (tenant, model, model_version), as the monitors' ClickHouse query returns
 * it (all workers' partials and variants summed; Map columns as plain objects), and the catalogue of
 * metrics the drift monitor reads from it.
 */
export interface MonitorMinute {
  tenant: string;
  model: string;
  model_version: string;
  /** Start of the minute, epoch ms. */
  minute_ms: number;
  responses: number;
  thumbs_up: number;
  thumbs_down: number;
  reward_sum: number;
  reward_sumsq: number;
  /** Responses whose implicit reward is final (their conversation closed). */
  reward_count: number;
  /** Final responses with each signal kind. */
  signal_counts: Record<string, number>;
  feature_sums: Record<string, number>;
  feature_sumsqs: Record<string, number>;
  feature_counts: Record<string, number>;
  /** Reward split by response property: 'refuses', 'complies', 'toxic', 'non_toxic', 'tokens:<bucket>'. */
  reward_by_sums: Record<string, number>;
  reward_by_sumsqs: Record<string, number>;
  reward_by_counts: Record<string, number>;
}

/**
 * When a metric of a minute is complete: 'response' metrics (response properties) once late events can
 * no longer arrive; 'outcome' metrics (reward, thumbs, signal rates) only once the responses' signals
 * are final, i.e. when their conversations have closed (session gap plus lateness later).
 */
export type MetricSettles = 'response' | 'outcome';

export interface DriftMetric {
  name: string;
  /** For messages: "implicit reward of m1@v2 fell ...". */
  label: string;
  settles: MetricSettles;
  /** Which direction is bad news (a warning); the other, and metrics without one, raise info. */
  bad: 'up' | 'down' | null;
  /** Values are 0/1 (a rate): the detector floors the variance at the binomial one. */
  proportion: boolean;
  /** The metric's summary in this minute; undefined when the minute has none of it. */
  extract(minute: MonitorMinute): BatchSummary | undefined;
  /**
   * The smallest change worth an alert: |mean since the change - baseline| must reach the larger of
   * `absolute` and `relative` x |baseline|. At thousands of responses an hour a CUSUM finds shifts too
   * small to act on (a 3% longer answer); those re-baseline silently. Default: any significant change.
   */
  minEffect?: { absolute?: number; relative?: number };
}

/** Whether a change from `baseline` to `mean` reaches the metric's minimum effect. */
export function isMaterialChange(metric: DriftMetric, baseline: number, mean: number): boolean {
  const { absolute = 0, relative = 0 } = metric.minEffect ?? {};
  return Math.abs(mean - baseline) >= Math.max(absolute, relative * Math.abs(baseline));
}

/** A rate of events out of `count` trials; clamped so a bad row cannot give a rate outside [0, 1]. */
function rate(events: number | undefined, count: number): BatchSummary | undefined {
  if (!(count > 0)) return undefined;
  const k = Math.min(count, Math.max(0, events ?? 0));
  return { count, sum: k, sumsq: k };
}

function featureMean(minute: MonitorMinute, feature: string): BatchSummary | undefined {
  const count = minute.feature_counts[feature];
  const sum = minute.feature_sums[feature];
  const sumsq = minute.feature_sumsqs[feature];
  if (!(count > 0) || sum === undefined || sumsq === undefined) return undefined;
  return { count, sum, sumsq };
}

const implicitReward: DriftMetric = {
  name: 'implicit_reward', label: 'implicit reward', settles: 'outcome', bad: 'down', proportion: false, minEffect: { absolute: 0.05 },
  extract: (m) => (m.reward_count > 0 ? { count: m.reward_count, sum: m.reward_sum, sumsq: m.reward_sumsq } : undefined),
};

const thumbsUpRate: DriftMetric = {
  name: 'thumbs_up_rate', label: 'thumbs-up rate', settles: 'outcome', bad: 'down', proportion: true, minEffect: { absolute: 0.03 },
  extract: (m) => rate(m.thumbs_up, m.thumbs_up + m.thumbs_down),
};

/** A signal's rate per final response: signal_counts and reward_count both count a turn once it is final. */
function signalRate(kind: SignalKind, label: string): DriftMetric {
  return { name: `signal:${kind}`, label, settles: 'outcome', bad: 'up', proportion: true, minEffect: { absolute: 0.01, relative: 0.2 }, extract: (m) => rate(m.signal_counts[kind], m.reward_count) };
}

function featureMetric(feature: 'tokens' | ClassifierScoreName, label: string, bad: DriftMetric['bad'], minEffect: DriftMetric['minEffect']): DriftMetric {
  return { name: `feature:${feature}`, label, settles: 'response', bad, proportion: false, minEffect, extract: (m) => featureMean(m, feature) };
}

export const DEFAULT_DRIFT_METRICS: readonly DriftMetric[] = Object.freeze([
  implicitReward,
  thumbsUpRate,
  signalRate('regenerate', 'regenerate rate'),
  signalRate('followup_complaint', 'follow-up complaint rate'),
  signalRate('rephrase', 'rephrase rate'),
  signalRate('abandon', 'abandon rate'),
  featureMetric('tokens', 'response length (tokens)', null, { relative: 0.1 }),
  // Classifier score means: present only when the ONNX classifiers run.
  featureMetric('refusal_full', 'full-refusal score', 'up', { absolute: 0.02 }),
  featureMetric('toxicity', 'toxicity score', 'up', { absolute: 0.02 }),
]);
