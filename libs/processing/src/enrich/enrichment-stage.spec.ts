import fc from 'fast-check';
import type { PrefEvent } from '@prefstream/events';
import { featureDiffs, responseFeatures } from '@prefstream/features';
import { generateSyntheticTraffic } from '@prefstream/sources';
import type { EnrichedTables } from './enrichment-stage';
import { EnrichmentStage } from './enrichment-stage';
import { ZERO_BUCKET_KEY } from './minute-rows';
import { packTurnTags, unpackTurnTags } from './turn-tags';

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const base = (id: string, ms: number, conversation = 'c1') => ({ schema_version: 1 as const, event_id: id, ts: iso(ms), tenant: 'acme', conversation_id: conversation, user_id: 'u1' });
const turn = (id: string, ms: number, extra: object = {}): PrefEvent => ({ ...base(`e-${id}`, ms), type: 'turn', turn_id: id, prompt: 'How do I sort a list in Python?', response: 'Use **sorted(xs)**.\n\n- it returns a new list', model: 'm1', model_version: 'v1', latency_ms: 900, ...extra });

function merged(parts: EnrichedTables[]): EnrichedTables {
  const out: EnrichedTables = { responses: [], response_features: [], signals: [], votes: [], late_events: [], minute_aggregates: [] };
  for (const p of parts) for (const k of Object.keys(out) as (keyof EnrichedTables)[]) (out[k] as object[]).push(...(p[k] as object[]));
  return out;
}

/** What a store summing the partials would return per (model, version, minute): sums of every additive column. */
function summed(rows: EnrichedTables['minute_aggregates']): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const key = `${r.tenant}/${r.model}/${r.model_version}/${r.variant}/${r.minute}`;
    const acc = (out[key] ??= {});
    for (const [col, v] of Object.entries(r)) {
      if (typeof v === 'number' && col !== 'minute') acc[col] = (acc[col] ?? 0) + v;
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v as Record<string, number>)) acc[`${col}.${k}`] = (acc[`${col}.${k}`] ?? 0) + x;
    }
  }
  return out;
}

const closeEnough = (a: Record<string, Record<string, number>>, b: Record<string, Record<string, number>>) => {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const key of Object.keys(a)) {
    expect(Object.keys(a[key]).sort()).toEqual(Object.keys(b[key]).sort());
    for (const col of Object.keys(a[key])) expect(Math.abs(a[key][col] - b[key][col])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b[key][col])));
  }
};

describe('EnrichmentStage', () => {
  it('produces nothing for no events', () => {
    const stage = new EnrichmentStage();
    expect(stage.apply([], 0)).toEqual({ responses: [], response_features: [], signals: [], votes: [], late_events: [], minute_aggregates: [] });
    expect(stage.flush(0).responses).toEqual([]);
  });

  it('turns one conversation into features, signals, response rows and a minute aggregate', () => {
    const stage = new EnrichmentStage();
    const events: PrefEvent[] = [
      turn('t1', T0),
      { ...base('e-copy', T0 + 5_000), type: 'interaction', turn_id: 't1', action: 'copy', copied_chars: 10 },
      { ...base('e-up', T0 + 6_000), type: 'feedback', turn_id: 't1', kind: 'thumbs', value: 1 },
      turn('t2', T0 + 20_000, { prompt: "that's wrong, try again" }),
    ];
    const out = merged([stage.apply(events, 1), stage.flush(2)]);
    expect(out.response_features.map((r) => r.turn_id)).toEqual(['t1', 't2']);
    expect(out.response_features[0]).toMatchObject({ latency_ms: 900, prompt_chars: events[0].type === 'turn' ? events[0].prompt.length : -1 });
    expect(out.response_features[0].features).toMatchObject({ bold_count: 1, list_count: 1 });
    const finals = out.responses.filter((r) => r.final === 1);
    expect(finals.map((r) => r.turn_id).sort()).toEqual(['t1', 't2']);
    const t1 = finals.find((r) => r.turn_id === 't1')!;
    expect(t1).toMatchObject({ thumbs: 1, user_hash: 'u1' });
    expect(t1.signals.copy).toBeGreaterThan(0);
    expect(out.signals.some((s) => s.turn_id === 't1' && s.kind === 'copy')).toBe(true);
    // Versions rise by one per update of a turn.
    const versions = out.responses.filter((r) => r.turn_id === 't1').map((r) => r.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    const agg = summed(out.minute_aggregates)[`acme/m1/v1//${T0}`];
    expect(agg).toMatchObject({ responses: 2, reward_count: 2, thumbs_up: 1, thumbs_down: 0, 'signal_counts.copy': 1, 'feature_counts.tokens': 2 });
    expect(agg.reward_sum).toBeCloseTo(finals.reduce((s, r) => s + r.implicit_reward, 0), 12);
    expect(agg['latency_sketch.' + ZERO_BUCKET_KEY]).toBeUndefined();
  });

  it('resolves votes inline and by turn reference, and reports a vote on an unknown turn as late', () => {
    const stage = new EnrichmentStage();
    const a = 'Short answer.';
    const b = '# Title\n\n- one\n- two\n\n**bold** and a much longer explanation of everything';
    const out = merged([
      stage.apply([
        turn('t1', T0),
        turn('t2', T0 + 1_000, { model: 'm2', regenerated_from: 't1' }),
        { ...base('v1', T0 + 2_000), type: 'vote', a: { turn_id: 't1' }, b: { turn_id: 't2' }, winner: 'b' },
        { ...base('v2', T0 + 3_000, 'c2'), type: 'vote', prompt: 'Explain', a: { model: 'x', response: a }, b: { model: 'y', model_version: '3', response: b }, winner: 'a', anonymous: true },
        { ...base('v3', T0 + 4_000, 'c3'), type: 'vote', a: { turn_id: 'nope' }, b: { model: 'y' }, winner: 'tie' },
      ], 1),
      stage.flush(2),
    ]);
    expect(out.votes.map((v) => [v.vote_id, v.model_a, v.model_b, v.winner, v.anonymous])).toEqual([['v1', 'm1', 'm2', 'b', 0], ['v2', 'x', 'y', 'a', 1]]);
    expect(out.votes[0].feature_diffs).toEqual({});
    expect(out.votes[1].feature_diffs).toEqual(featureDiffs(responseFeatures(a, 'Explain').numeric, responseFeatures(b, 'Explain').numeric));
    expect(out.votes[1].feature_diffs.header_count).toBeCloseTo(-0.5, 12); // (0 - 1) / (0 + 1 + 1)
    expect(out.late_events).toEqual([expect.objectContaining({ event_id: 'v3', reason: 'unknown_turn' })]);
    const agg = summed(out.minute_aggregates);
    expect(agg[`acme/m2/v1//${T0}`]).toMatchObject({ votes_won: 1 });
    expect(agg[`acme/m1/v1//${T0}`]).toMatchObject({ votes_lost: 1 });
    expect(agg[`acme/x///${T0}`]).toMatchObject({ votes_won: 1, responses: 0 });
    expect(agg[`acme/y/3//${T0}`]).toMatchObject({ votes_lost: 1 });
  });

  it('conditions the final reward on the tags the turn carried (refusal, toxicity, length bucket)', () => {
    const stage = new EnrichmentStage();
    const scores = new Map([['e-t1', { refusal_full: 0.9, toxicity: 0.1 }]]);
    const out = merged([stage.apply([turn('t1', T0)], 1, scores), stage.flush(2)]);
    const agg = summed(out.minute_aggregates)[`acme/m1/v1//${T0}`];
    expect(agg).toMatchObject({ 'reward_by_counts.refuses': 1, 'reward_by_counts.non_toxic': 1, 'reward_by_counts.tokens:0-49': 1 });
    expect(agg['reward_by_counts.complies']).toBeUndefined();
    expect(out.response_features[0].scores).toEqual({ refusal_full: 0.9, toxicity: 0.1 });
    expect(out.response_features[0].features.refusal_full).toBe(0.9);
  });

  it('round-trips turn tags', () => {
    fc.assert(fc.property(fc.option(fc.boolean(), { nil: undefined }), fc.option(fc.boolean(), { nil: undefined }), fc.option(fc.constantFrom('0-49', '50-199', '200-499', '500-999', '1000+' as const), { nil: undefined }), (refuses, toxic, lengthBucket) => {
      expect(unpackTurnTags(packTurnTags({ refuses, toxic, lengthBucket }))).toEqual({ refuses, toxic, lengthBucket });
    }));
  });

  it('gives the same summed aggregates and final rows whatever the slicing and wherever a checkpoint/restore falls', () => {
    const events = [...generateSyntheticTraffic({ conversations: 120, seed: 7, voteRate: 0.2 })];
    const whole = new EnrichmentStage();
    const reference = merged([whole.apply(events, 1), whole.flush(1)]);
    const finalsOf = (t: EnrichedTables) => t.responses.filter((r) => r.final === 1).sort((x, y) => (x.turn_id < y.turn_id ? -1 : 1));
    expect(reference.response_features.length).toBeGreaterThan(100);
    expect(reference.votes.length).toBeGreaterThan(5);
    // Independent check of the aggregates: responses = features rows, reward sum = sum over final rows.
    const totalResponses = reference.minute_aggregates.reduce((s, r) => s + r.responses, 0);
    expect(totalResponses).toBe(reference.response_features.length);
    const totalReward = reference.minute_aggregates.reduce((s, r) => s + r.reward_sum, 0);
    expect(totalReward).toBeCloseTo(finalsOf(reference).reduce((s, r) => s + r.implicit_reward, 0), 9);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: events.length - 1 }), { minLength: 1, maxLength: 6 }), (cuts) => {
        const bounds = [0, ...[...new Set(cuts)].sort((a, b) => a - b), events.length];
        const parts: EnrichedTables[] = [];
        let stage = new EnrichmentStage();
        for (let i = 0; i + 1 < bounds.length; i++) {
          parts.push(stage.apply(events.slice(bounds[i], bounds[i + 1]), 1));
          stage = new EnrichmentStage({}, JSON.parse(JSON.stringify(stage.snapshot()))); // checkpoint at every cut
        }
        parts.push(stage.flush(1));
        const sliced = merged(parts);
        closeEnough(summed(sliced.minute_aggregates), summed(reference.minute_aggregates));
        expect(finalsOf(sliced)).toEqual(finalsOf(reference));
        expect(sliced.votes).toEqual(reference.votes);
        expect(sliced.signals.length).toBe(reference.signals.length);
      }),
      { numRuns: 15 },
    );
  });
});
