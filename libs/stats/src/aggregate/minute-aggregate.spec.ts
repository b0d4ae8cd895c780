import fc from 'fast-check';
import { wilsonInterval } from '../moments/wilson';
import { lengthBucket } from './length-buckets';
import { MinuteAggregate, type MinuteAggregateJson } from './minute-aggregate';
import { MinuteAggregates } from './minute-aggregates';
import { minuteOf, type MinuteKey } from './minute-key';
import { summariseMinute } from './minute-summary';
import type { FeedbackObservation, ResponseObservation } from './observations';

const KEY: MinuteKey = { tenant: 'acme', model: 'm', model_version: 'v1', variant: 'control', minute: 1_700_000_040_000 };

const grid = (min: number, max: number, step: number) => fc.integer({ min: Math.round(min / step), max: Math.round(max / step) }).map((i) => i * step);
const response: fc.Arbitrary<ResponseObservation> = fc.record(
  {
    latencyMs: grid(0, 30_000, 0.5),
    lengthTokens: fc.integer({ min: 0, max: 3000 }),
    reward: grid(-1, 1, 0.001),
    signals: fc.dictionary(fc.constantFrom('regenerate', 'copy', 'edit', 'stop'), fc.integer({ min: 0, max: 3 })),
    features: fc.dictionary(fc.constantFrom('length', 'bold', 'lists'), grid(-50, 500, 0.01)),
    refuses: fc.boolean(),
    toxic: fc.boolean(),
  },
  { requiredKeys: [] },
);
const feedback: fc.Arbitrary<FeedbackObservation> = fc.oneof(
  fc.constantFrom<1 | -1>(1, -1).map((value) => ({ kind: 'thumbs' as const, value })),
  fc.tuple(fc.constantFrom([1, 5], [1, 7], [0, 10]), fc.double({ min: 0, max: 1, noNaN: true })).map(([[lo, hi], u]) => ({ kind: 'rating' as const, value: lo + Math.round(u * (hi - lo)), scaleMin: lo, scaleMax: hi })),
  fc.constantFrom('won', 'lost', 'tie', 'both_bad').map((outcome) => ({ kind: 'vote' as const, outcome: outcome as 'won' })),
  fc.constantFrom({ kind: 'reaction' as const }, { kind: 'flag' as const }, { kind: 'comment' as const }),
);
const observation = fc.oneof(response.map((r) => ({ response: r })), feedback.map((f) => ({ feedback: f })));
type Observation = { response: ResponseObservation } | { feedback: FeedbackObservation };

function aggregateOf(obs: Observation[]): MinuteAggregate {
  const agg = MinuteAggregate.empty(KEY);
  for (const o of obs) {
    if ('response' in o) agg.addResponse(o.response);
    else agg.addFeedback(o.feedback);
  }
  return agg;
}

/** Floating moments within 1e-9 relative (floor 1e-9 of the value scale); everything else exactly equal. */
function expectEquivalent(actual: unknown, expected: unknown, path = ''): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    if (/(mean|m2|sum)$/.test(path)) expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(actual), Math.abs(expected), 1));
    else expect(`${path}=${actual}`).toBe(`${path}=${expected}`);
    return;
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const k of Object.keys(expected)) expectEquivalent((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(actual).toEqual(expected);
}

describe('MinuteAggregate', () => {
  it('merge(agg(a), agg(b)) = agg(a ++ b): counts and sketch buckets exactly, moments within 1e-9', () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 40 }), fc.array(observation, { maxLength: 40 }), (a, b) => {
        expectEquivalent(aggregateOf(a).merge(aggregateOf(b)).toJSON(), aggregateOf([...a, ...b]).toJSON());
      }),
      { numRuns: 200 },
    );
  });

  it('summarises to the same numbers as a direct computation over the observations', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 150 }), (obs) => {
        const s = summariseMinute(aggregateOf(obs));
        const responses = obs.flatMap((o) => ('response' in o ? [o.response] : []));
        const fb = obs.flatMap((o) => ('feedback' in o ? [o.feedback] : []));
        const thumbs = fb.filter((f) => f.kind === 'thumbs');
        const up = thumbs.filter((f) => f.value === 1).length;
        expect(s.thumbsUp).toEqual({ n: thumbs.length, positive: up, rate: thumbs.length ? up / thumbs.length : NaN, ...wilsonInterval(up, thumbs.length) });
        const ratings = fb.flatMap((f) => (f.kind === 'rating' ? [(f.value - f.scaleMin) / (f.scaleMax - f.scaleMin)] : []));
        expect(s.ratingPositive.positive).toBe(ratings.filter((r) => r > 0.5).length);
        if (ratings.length) expect(s.rating.mean).toBeCloseTo(ratings.reduce((x, y) => x + y, 0) / ratings.length, 12);
        const votes = fb.flatMap((f) => (f.kind === 'vote' ? [f.outcome] : []));
        expect(s.voteWins.n).toBe(votes.filter((v) => v === 'won' || v === 'lost').length);
        expect(s.votes.both_bad).toBe(votes.filter((v) => v === 'both_bad').length);
        const meanOf = (xs: number[]) => (xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : NaN);
        const rewarded = responses.filter((r) => r.reward !== undefined);
        const close = (x: number, y: number) => (Number.isNaN(y) ? expect(x).toBeNaN() : expect(x).toBeCloseTo(y, 12));
        close(s.reward.mean, meanOf(rewarded.map((r) => r.reward!)));
        close(s.rewardGivenRefusal.refuses.mean, meanOf(rewarded.filter((r) => r.refuses === true).map((r) => r.reward!)));
        close(s.rewardGivenToxicity.nonToxic.mean, meanOf(rewarded.filter((r) => r.toxic === false).map((r) => r.reward!)));
        close(s.rewardByLength['200-499'].mean, meanOf(rewarded.filter((r) => r.lengthTokens !== undefined && lengthBucket(r.lengthTokens) === '200-499').map((r) => r.reward!)));
        const copies = responses.reduce((n, r) => n + (r.signals?.['copy'] ?? 0), 0);
        if (copies > 0) expect(s.signalRates['copy'].perResponse).toBeCloseTo(copies / responses.length, 12);
        const bold = responses.flatMap((r) => (r.features?.['bold'] !== undefined ? [r.features['bold']] : []));
        if (bold.length) expect(s.featureMeans['bold'].mean).toBeCloseTo(meanOf(bold), 9);
        const latencies = responses.flatMap((r) => (r.latencyMs !== undefined ? [r.latencyMs] : [])).sort((x, y) => x - y);
        if (latencies.length) {
          const exact = latencies[Math.floor(0.9 * (latencies.length - 1))];
          expect(Math.abs(s.latencyMs.p90 - exact)).toBeLessThanOrEqual(0.01 * exact + 1e-9);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('arrival (addResponse without reward) then outcome (addOutcome) = one addResponse with both', () => {
    fc.assert(
      fc.property(fc.array(response, { maxLength: 30 }), (responses) => {
        const once = MinuteAggregate.empty(KEY);
        const split = MinuteAggregate.empty(KEY);
        for (const r of responses) {
          once.addResponse(r);
          split.addResponse({ latencyMs: r.latencyMs, lengthTokens: r.lengthTokens, features: r.features, ...(r.reward === undefined ? { signals: r.signals } : {}) });
          if (r.reward !== undefined) split.addOutcome({ reward: r.reward, signals: r.signals, refuses: r.refuses, toxic: r.toxic, lengthBucket: r.lengthTokens === undefined ? undefined : lengthBucket(r.lengthTokens) });
        }
        expect(split.toJSON()).toEqual(once.toJSON());
      }),
    );
  });

  it('view() reads the same as toJSON() (without the copy), key order included', () => {
    const agg = aggregateOf([{ response: { latencyMs: 120, lengthTokens: 300, reward: 0.5, refuses: false, signals: { copy: 1 }, features: { bold: 2, lists: 1 } } }, { feedback: { kind: 'thumbs', value: -1 } }]);
    expect(JSON.stringify(agg.view())).toBe(JSON.stringify(agg.toJSON()));
    expect(JSON.stringify(MinuteAggregate.empty(KEY).view())).toBe(JSON.stringify(MinuteAggregate.empty(KEY).toJSON()));
  });

  it('round-trips through JSON text, empty sketches included', () => {
    const empty = MinuteAggregate.empty(KEY);
    expect(MinuteAggregate.fromJSON(JSON.parse(JSON.stringify(empty.toJSON()))).toJSON()).toEqual(JSON.parse(JSON.stringify(empty.toJSON())));
    const agg = aggregateOf([{ response: { latencyMs: 120, lengthTokens: 300, reward: 0.5, refuses: false, signals: { copy: 1 }, features: { bold: 2 } } }, { feedback: { kind: 'thumbs', value: -1 } }]);
    const text = JSON.stringify(agg.toJSON());
    const back = MinuteAggregate.fromJSON(JSON.parse(text) as MinuteAggregateJson);
    expect(JSON.stringify(back.toJSON())).toBe(text);
    expect(summariseMinute(back).latencyMs.p50).toBeCloseTo(120, 0);
  });

  it('rejects bad keys, ratings off their scale, rewards outside [-1, 1] and merges across keys', () => {
    expect(() => MinuteAggregate.empty({ ...KEY, minute: 1234 })).toThrow(RangeError);
    const agg = MinuteAggregate.empty(KEY);
    expect(() => agg.addFeedback({ kind: 'rating', value: 6, scaleMin: 1, scaleMax: 5 })).toThrow(RangeError);
    expect(() => agg.addResponse({ reward: 1.5 })).toThrow(RangeError);
    expect(() => agg.merge(MinuteAggregate.empty({ ...KEY, variant: 'treatment' }))).toThrow(RangeError);
  });
});

describe('MinuteAggregates', () => {
  it('keys by minute, drains closed minutes oldest first and restores from JSON', () => {
    const aggs = new MinuteAggregates();
    const t0 = KEY.minute;
    for (const ts of [t0 + 5, t0 + 59_999, t0 + 60_000, t0 - 1, t0 + 130_000]) aggs.addResponse({ ...KEY, minute: minuteOf(ts) }, { reward: 0 });
    expect(aggs.size).toBe(4);
    const restored = MinuteAggregates.fromJSON(JSON.parse(JSON.stringify(aggs.toJSON())));
    const drained = restored.drainBefore(t0 + 120_000);
    expect(drained.map((a) => [a.key.minute - t0, a.toJSON().responses])).toEqual([[-60_000, 1], [0, 2], [60_000, 1]]);
    expect(restored.size).toBe(1);
    expect(minuteOf(-1)).toBe(-60_000);
  });

  it('files each observation under the key it came with, also when the caller reuses and changes one key object, and after a drain', () => {
    const aggs = new MinuteAggregates();
    const key: MinuteKey = { ...KEY };
    aggs.addResponse(key, { reward: 0 });
    aggs.addFeedback(key, { kind: 'flag' });
    key.model = 'other';
    aggs.addFeedback(key, { kind: 'flag' });
    key.minute += 60_000;
    aggs.addFeedback(key, { kind: 'comment' });
    expect(aggs.get(KEY)!.toJSON()).toMatchObject({ responses: 1, flags: 1, comments: 0 });
    expect(aggs.get({ ...KEY, model: 'other' })!.toJSON()).toMatchObject({ responses: 0, flags: 1, comments: 0 });
    expect(aggs.get({ ...KEY, model: 'other', minute: KEY.minute + 60_000 })!.toJSON()).toMatchObject({ flags: 0, comments: 1 });
    expect(aggs.drainBefore(Number.MAX_SAFE_INTEGER)).toHaveLength(3);
    aggs.addFeedback(key, { kind: 'comment' });
    expect(aggs.size).toBe(1);
    expect(aggs.get(key)!.toJSON().comments).toBe(1);
  });
});
