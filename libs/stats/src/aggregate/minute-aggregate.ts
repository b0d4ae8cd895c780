import { addTrial, emptyProportion, mergeProportions, type Proportion } from '../moments/proportion';
import { addValue, emptyMoments, mergeMoments, type Moments } from '../moments/welford';
import { DDSketch, type DDSketchJson } from '../sketch/ddsketch';
import { LENGTH_BUCKETS, lengthBucket, type LengthBucket } from './length-buckets';
import { assertMinuteKey, sameMinuteKey, type MinuteKey } from './minute-key';
import type { FeedbackObservation, ResponseObservation, ResponseOutcome } from './observations';

/** Sketch accuracy: 1% relative error on latency and length quantiles. */
export const SKETCH_ALPHA = 0.01;

export interface VoteTally {
  won: number;
  lost: number;
  tie: number;
  both_bad: number;
}

/** Reward (implicit, [-1, 1]) split by response properties, to see what users reward. */
export interface ConditionalReward {
  refuses: Moments;
  complies: Moments;
  toxic: Moments;
  nonToxic: Moments;
  byLength: Record<LengthBucket, Moments>;
}

/**
 * Everything counted for one (tenant, model, model_version, variant, minute). Plain JSON (sketches
 * included) so it can be checkpointed and merged: merge(agg(a), agg(b)) = agg(a ++ b), exactly for
 * counts and sketch buckets, to rounding for moments. Explicit kinds stay apart: thumbs, ratings
 * (normalised to [0, 1] by their scale) and pairwise votes are never pooled.
 */
export interface MinuteAggregateJson {
  key: MinuteKey;
  responses: number;
  /** positive = thumbs up. */
  thumbs: Proportion;
  /** Ratings normalised to [0, 1]: (value - min) / (max - min). */
  rating: Moments;
  /** positive = normalised rating above the scale's midpoint (0.5). */
  ratingPositive: Proportion;
  votes: VoteTally;
  reactions: number;
  flags: number;
  comments: number;
  reward: Moments;
  signals: Record<string, number>;
  features: Record<string, Moments>;
  latencyMs: DDSketchJson;
  lengthTokens: DDSketchJson;
  rewardBy: ConditionalReward;
}

const emptyConditional = (): ConditionalReward => ({
  refuses: emptyMoments(), complies: emptyMoments(), toxic: emptyMoments(), nonToxic: emptyMoments(),
  byLength: Object.fromEntries(LENGTH_BUCKETS.map((b) => [b, emptyMoments()])) as Record<LengthBucket, Moments>,
});

export class MinuteAggregate {
  private constructor(
    private readonly state: Omit<MinuteAggregateJson, 'latencyMs' | 'lengthTokens'>,
    private readonly latency: DDSketch,
    private readonly length: DDSketch,
  ) {}

  static empty(key: MinuteKey): MinuteAggregate {
    assertMinuteKey(key);
    return new MinuteAggregate(
      {
        key: { ...key }, responses: 0, thumbs: emptyProportion(), rating: emptyMoments(), ratingPositive: emptyProportion(),
        votes: { won: 0, lost: 0, tie: 0, both_bad: 0 }, reactions: 0, flags: 0, comments: 0, reward: emptyMoments(),
        signals: {}, features: {}, rewardBy: emptyConditional(),
      },
      new DDSketch(SKETCH_ALPHA),
      new DDSketch(SKETCH_ALPHA),
    );
  }

  get key(): MinuteKey {
    return { ...this.state.key };
  }

  addResponse(o: ResponseObservation): void {
    const s = this.state;
    s.responses++;
    if (o.latencyMs !== undefined) this.latency.add(o.latencyMs);
    if (o.lengthTokens !== undefined) this.length.add(o.lengthTokens);
    // for-in, not Object.entries: this runs per response over ~25 features (an entries array per call was a
    // measurable share of the operator chain's allocations). Observations are plain objects (no inherited keys).
    const features = o.features;
    if (features !== undefined) {
      const sums = s.features;
      for (const name in features) addValue((sums[name] ??= emptyMoments()), features[name]);
    }
    if (o.reward !== undefined) {
      this.addOutcome({ reward: o.reward, signals: o.signals, refuses: o.refuses, toxic: o.toxic, lengthBucket: o.lengthTokens === undefined ? undefined : lengthBucket(o.lengthTokens) });
    } else this.addSignals(o.signals);
  }

  /** The final reward and signals of a response whose arrival addResponse counted already (responses unchanged). */
  addOutcome(o: ResponseOutcome): void {
    const s = this.state;
    if (!(o.reward >= -1 && o.reward <= 1)) throw new RangeError(`reward must be in [-1, 1], got ${o.reward}`);
    this.addSignals(o.signals);
    addValue(s.reward, o.reward);
    if (o.refuses !== undefined) addValue(o.refuses ? s.rewardBy.refuses : s.rewardBy.complies, o.reward);
    if (o.toxic !== undefined) addValue(o.toxic ? s.rewardBy.toxic : s.rewardBy.nonToxic, o.reward);
    if (o.lengthBucket !== undefined) addValue(s.rewardBy.byLength[o.lengthBucket], o.reward);
  }

  private addSignals(signals: Readonly<Record<string, number>> | undefined): void {
    if (signals === undefined) return;
    const counts = this.state.signals;
    for (const kind in signals) {
      const n = signals[kind];
      if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`signal count must be a non-negative integer, got ${kind}=${n}`);
      if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
    }
  }

  addFeedback(f: FeedbackObservation): void {
    const s = this.state;
    switch (f.kind) {
      case 'thumbs':
        addTrial(s.thumbs, f.value === 1);
        return;
      case 'rating': {
        if (!(f.scaleMin < f.scaleMax && f.value >= f.scaleMin && f.value <= f.scaleMax)) throw new RangeError(`rating ${f.value} outside [${f.scaleMin}, ${f.scaleMax}]`);
        const normalised = (f.value - f.scaleMin) / (f.scaleMax - f.scaleMin);
        addValue(s.rating, normalised);
        addTrial(s.ratingPositive, normalised > 0.5);
        return;
      }
      case 'vote':
        s.votes[f.outcome]++;
        return;
      case 'reaction':
        s.reactions++;
        return;
      case 'flag':
        s.flags++;
        return;
      case 'comment':
        s.comments++;
        return;
    }
  }

  /** The aggregate of both inputs' observations (same key required); neither input changes. */
  merge(other: MinuteAggregate): MinuteAggregate {
    if (!sameMinuteKey(this.state.key, other.state.key)) throw new RangeError('can only merge aggregates with the same key');
    const a = this.state;
    const b = other.state;
    const sumCounts = (x: Record<string, number>, y: Record<string, number>) => {
      const out = { ...x };
      for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
      return out;
    };
    const features: Record<string, Moments> = { ...a.features };
    for (const [k, m] of Object.entries(b.features)) features[k] = features[k] ? mergeMoments(features[k], m) : { ...m };
    const byLength = Object.fromEntries(LENGTH_BUCKETS.map((k) => [k, mergeMoments(a.rewardBy.byLength[k], b.rewardBy.byLength[k])])) as Record<LengthBucket, Moments>;
    return new MinuteAggregate(
      {
        key: { ...a.key },
        responses: a.responses + b.responses,
        thumbs: mergeProportions(a.thumbs, b.thumbs),
        rating: mergeMoments(a.rating, b.rating),
        ratingPositive: mergeProportions(a.ratingPositive, b.ratingPositive),
        votes: { won: a.votes.won + b.votes.won, lost: a.votes.lost + b.votes.lost, tie: a.votes.tie + b.votes.tie, both_bad: a.votes.both_bad + b.votes.both_bad },
        reactions: a.reactions + b.reactions,
        flags: a.flags + b.flags,
        comments: a.comments + b.comments,
        reward: mergeMoments(a.reward, b.reward),
        signals: sumCounts(a.signals, b.signals),
        features,
        rewardBy: {
          refuses: mergeMoments(a.rewardBy.refuses, b.rewardBy.refuses),
          complies: mergeMoments(a.rewardBy.complies, b.rewardBy.complies),
          toxic: mergeMoments(a.rewardBy.toxic, b.rewardBy.toxic),
          nonToxic: mergeMoments(a.rewardBy.nonToxic, b.rewardBy.nonToxic),
          byLength,
        },
      },
      DDSketch.fromJSON(this.latency.toJSON()).merge(other.latency),
      DDSketch.fromJSON(this.length.toJSON()).merge(other.length),
    );
  }

  toJSON(): MinuteAggregateJson {
    return structuredClone({ ...this.state, latencyMs: this.latency.toJSON(), lengthTokens: this.length.toJSON() });
  }

  /**
   * The aggregate as toJSON gives it, without the deep copy: the objects are this aggregate's own state
   * (only the sketches' JSON is built fresh), so the caller must not modify them nor keep them past the
   * next change. For converting an aggregate that is being written out (a structuredClone per aggregate
   * was most of the cost of building minute rows).
   */
  view(): Readonly<MinuteAggregateJson> {
    return { ...this.state, latencyMs: this.latency.toJSON(), lengthTokens: this.length.toJSON() };
  }

  static fromJSON(json: MinuteAggregateJson): MinuteAggregate {
    assertMinuteKey(json.key);
    const { latencyMs, lengthTokens, ...state } = structuredClone(json);
    for (const k of LENGTH_BUCKETS) state.rewardBy.byLength[k] ??= emptyMoments();
    return new MinuteAggregate(state, DDSketch.fromJSON(latencyMs), DDSketch.fromJSON(lengthTokens));
  }

  /** Read access to the sketches (quantiles). */
  get latencySketch(): DDSketch {
    return this.latency;
  }
  get lengthSketch(): DDSketch {
    return this.length;
  }
}
