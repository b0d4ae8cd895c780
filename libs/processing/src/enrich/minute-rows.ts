import { LENGTH_BUCKETS, type DDSketchJson, type MinuteAggregate, type Moments } from '@prefstream/stats';
import type { MinuteAggregateRow } from '../rows';

/** Sketch column key of the zero bucket (DDSketch keeps |x| < 1e-9 apart from the log buckets). */
export const ZERO_BUCKET_KEY = '-32768';

const sumOf = (m: Moments) => m.n * m.mean;
const sumSqOf = (m: Moments) => m.m2 + m.n * m.mean * m.mean;

/** Bucket index -> count, as the sumMap sketch columns hold them (latency and length are never negative). */
function sketchColumn(json: DDSketchJson): Record<string, number> {
  if (Object.keys(json.negative).length > 0) throw new RangeError('sketch columns hold non-negative values only');
  const out: Record<string, number> = { ...json.positive };
  if (json.zeroCount > 0) out[ZERO_BUCKET_KEY] = json.zeroCount;
  return out;
}

/**
 * The insertable partial of one aggregate. Moments become count, sum and sum of squares, which add across
 * partials (the table's SimpleAggregateFunction(sum) columns); the Welford form is kept in memory only.
 */
export function toMinuteAggregateRow(aggregate: MinuteAggregate): MinuteAggregateRow {
  const a = aggregate.toJSON();
  const featureSums: Record<string, number> = {};
  const featureSumSqs: Record<string, number> = {};
  const featureCounts: Record<string, number> = {};
  for (const [name, m] of Object.entries(a.features)) {
    featureSums[name] = sumOf(m);
    featureSumSqs[name] = sumSqOf(m);
    featureCounts[name] = m.n;
  }
  const conditions: [string, Moments][] = [
    ['refuses', a.rewardBy.refuses], ['complies', a.rewardBy.complies], ['toxic', a.rewardBy.toxic], ['non_toxic', a.rewardBy.nonToxic],
    ...LENGTH_BUCKETS.map((b): [string, Moments] => [`tokens:${b}`, a.rewardBy.byLength[b]]),
  ];
  const rewardBySums: Record<string, number> = {};
  const rewardBySumSqs: Record<string, number> = {};
  const rewardByCounts: Record<string, number> = {};
  for (const [name, m] of conditions) {
    if (m.n === 0) continue;
    rewardBySums[name] = sumOf(m);
    rewardBySumSqs[name] = sumSqOf(m);
    rewardByCounts[name] = m.n;
  }
  return {
    tenant: a.key.tenant, model: a.key.model, model_version: a.key.model_version, variant: a.key.variant, minute: a.key.minute,
    responses: a.responses,
    thumbs_up: a.thumbs.positive, thumbs_down: a.thumbs.n - a.thumbs.positive,
    rating_sum: sumOf(a.rating), rating_sumsq: sumSqOf(a.rating), rating_count: a.rating.n, rating_positive: a.ratingPositive.positive,
    reward_sum: sumOf(a.reward), reward_sumsq: sumSqOf(a.reward), reward_count: a.reward.n,
    votes_won: a.votes.won, votes_lost: a.votes.lost, votes_tie: a.votes.tie, votes_both_bad: a.votes.both_bad,
    reactions: a.reactions, flags: a.flags, comments: a.comments,
    signal_counts: { ...a.signals },
    feature_sums: featureSums, feature_sumsqs: featureSumSqs, feature_counts: featureCounts,
    latency_sketch: sketchColumn(a.latencyMs), length_sketch: sketchColumn(a.lengthTokens),
    reward_by_sums: rewardBySums, reward_by_sumsqs: rewardBySumSqs, reward_by_counts: rewardByCounts,
  };
}
