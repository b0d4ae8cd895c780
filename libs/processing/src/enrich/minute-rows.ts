import { LENGTH_BUCKETS, type DDSketchJson, type MinuteAggregate, type Moments } from '@prefstream/stats';
import type { MinuteAggregateRow } from '../rows';

/** Sketch column key of the zero bucket (DDSketch keeps |x| < 1e-9 apart from the log buckets). */
export const ZERO_BUCKET_KEY = '-32768';

const sumOf = (m: Moments) => m.n * m.mean;
const LENGTH_KEYS = LENGTH_BUCKETS.map((b) => `tokens:${b}`);
const sumSqOf = (m: Moments) => m.m2 + m.n * m.mean * m.mean;

/** Bucket index -> count, as the sumMap sketch columns hold them (latency and length are never negative). */
function sketchColumn(json: DDSketchJson): Record<string, number> {
  if (Object.keys(json.negative).length > 0) throw new RangeError('sketch columns hold non-negative values only');
  // The sketch's JSON is built fresh for each call (MinuteAggregate.view), so its bucket map is ours to extend.
  const out = json.positive;
  if (json.zeroCount > 0) out[ZERO_BUCKET_KEY] = json.zeroCount;
  return out;
}

/**
 * The insertable partial of one aggregate. Moments become count, sum and sum of squares, which add across
 * partials (the table's SimpleAggregateFunction(sum) columns); the Welford form is kept in memory only.
 */
export function toMinuteAggregateRow(aggregate: MinuteAggregate): MinuteAggregateRow {
  // view(), not toJSON(): no deep copy; everything below is read into new objects (the row shares nothing with the aggregate).
  const a = aggregate.view();
  const featureSums: Record<string, number> = {};
  const featureSumSqs: Record<string, number> = {};
  const featureCounts: Record<string, number> = {};
  for (const name in a.features) {
    const m = a.features[name];
    featureSums[name] = sumOf(m);
    featureSumSqs[name] = sumSqOf(m);
    featureCounts[name] = m.n;
  }
  const rewardBySums: Record<string, number> = {};
  const rewardBySumSqs: Record<string, number> = {};
  const rewardByCounts: Record<string, number> = {};
  const condition = (name: string, m: Moments) => {
    if (m.n === 0) return;
    rewardBySums[name] = sumOf(m);
    rewardBySumSqs[name] = sumSqOf(m);
    rewardByCounts[name] = m.n;
  };
  condition('refuses', a.rewardBy.refuses);
  condition('complies', a.rewardBy.complies);
  condition('toxic', a.rewardBy.toxic);
  condition('non_toxic', a.rewardBy.nonToxic);
  for (let k = 0; k < LENGTH_BUCKETS.length; k++) condition(LENGTH_KEYS[k], a.rewardBy.byLength[LENGTH_BUCKETS[k]]);
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
