import { summariseProportion, type RateSummary } from '../moments/proportion';
import { sampleVariance, type Moments } from '../moments/welford';
import { wilsonInterval, type Interval } from '../moments/wilson';
import type { MinuteAggregate, MinuteAggregateJson } from './minute-aggregate';

export interface MeanSummary {
  n: number;
  mean: number;
  /** Sample variance; NaN below two values. */
  variance: number;
}

export interface MinuteSummary {
  responses: number;
  thumbsUp: RateSummary;
  /** Share of ratings above the scale midpoint, and the mean normalised rating. */
  ratingPositive: RateSummary;
  rating: MeanSummary;
  /** Wins among decided votes (ties and both_bad counted separately). */
  voteWins: RateSummary;
  votes: MinuteAggregateJson['votes'];
  reward: MeanSummary;
  /** Occurrences per response, with a Wilson interval when a kind occurs at most once per response. */
  signalRates: Record<string, { count: number; perResponse: number } & Partial<Interval>>;
  featureMeans: Record<string, MeanSummary>;
  latencyMs: { p50: number; p90: number; p99: number };
  lengthTokens: { p50: number; p90: number; p99: number };
  rewardGivenRefusal: { refuses: MeanSummary; complies: MeanSummary };
  rewardGivenToxicity: { toxic: MeanSummary; nonToxic: MeanSummary };
  rewardByLength: Record<string, MeanSummary>;
}

const mean = (m: Moments): MeanSummary => ({ n: m.n, mean: m.n > 0 ? m.mean : NaN, variance: sampleVariance(m) });

/** Rates, intervals, means and quantiles of one minute (or of a merge of several). */
export function summariseMinute(aggregate: MinuteAggregate): MinuteSummary {
  const a = aggregate.toJSON();
  const sketches = { latencyMs: aggregate.latencySketch, lengthTokens: aggregate.lengthSketch };
  const decided = a.votes.won + a.votes.lost;
  const signalRates: MinuteSummary['signalRates'] = {};
  for (const [kind, count] of Object.entries(a.signals)) {
    const perResponse = a.responses > 0 ? count / a.responses : NaN;
    signalRates[kind] = count <= a.responses ? { count, perResponse, ...wilsonInterval(count, a.responses) } : { count, perResponse };
  }
  const q3 = (s: 'latencyMs' | 'lengthTokens') => ({ p50: sketches[s].quantile(0.5), p90: sketches[s].quantile(0.9), p99: sketches[s].quantile(0.99) });
  return {
    responses: a.responses,
    thumbsUp: summariseProportion(a.thumbs),
    ratingPositive: summariseProportion(a.ratingPositive),
    rating: mean(a.rating),
    voteWins: summariseProportion({ n: decided, positive: a.votes.won }),
    votes: { ...a.votes },
    reward: mean(a.reward),
    signalRates,
    featureMeans: Object.fromEntries(Object.entries(a.features).map(([k, m]) => [k, mean(m)])),
    latencyMs: q3('latencyMs'),
    lengthTokens: q3('lengthTokens'),
    rewardGivenRefusal: { refuses: mean(a.rewardBy.refuses), complies: mean(a.rewardBy.complies) },
    rewardGivenToxicity: { toxic: mean(a.rewardBy.toxic), nonToxic: mean(a.rewardBy.nonToxic) },
    rewardByLength: Object.fromEntries(Object.entries(a.rewardBy.byLength).map(([k, m]) => [k, mean(m)])),
  };
}
