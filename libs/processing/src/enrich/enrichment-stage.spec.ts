import fc from 'fast-check';
import type { PrefEvent } from '@prefstream/events';
import { featureDiffs, responseFeatures } from '@prefstream/features';
import { generateSyntheticTraffic } from '@prefstream/sources';
import type { ResponseRow } from '../rows';
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
    // One row per turn and slice (its latest update), versions rising from slice to slice.
    const versions = out.responses.filter((r) => r.turn_id === 't1').map((r) => r.version);
    expect(versions).toHaveLength(2);
    expect(versions[1]).toBeGreaterThan(versions[0]);
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

  it('writes one responses row per turn and slice: its latest update, as coalescing finer slices would give', () => {
    const events = [...generateSyntheticTraffic({ conversations: 60, seed: 11, voteRate: 0.2 })];
    // The same turn_id in a second conversation must stay a row of its own.
    events.push(turn('s-c0-t0', Date.parse(events[events.length - 1].ts) + 1, { conversation_id: 'other' }));
    const fineStage = new EnrichmentStage();
    const fine = merged([...events.map((e) => fineStage.apply([e], 1)), fineStage.flush(1)]);
    const coarseStage = new EnrichmentStage();
    const half = Math.floor(events.length / 2);
    const coarse = [coarseStage.apply(events.slice(0, half), 1), coarseStage.apply(events.slice(half), 1), coarseStage.flush(1)];
    // Reference: the single-event slices' rows, reduced per coarse slice to the last row of each turn, in the order of those last rows.
    const coalesce = (rows: ResponseRow[]) => {
      const latest = new Map<string, ResponseRow>();
      for (const r of rows) {
        const id = `${r.tenant}/${r.conversation_id}/${r.turn_id}`;
        latest.delete(id);
        latest.set(id, r);
      }
      return [...latest.values()];
    };
    const fineParts: ResponseRow[][] = [[], [], []];
    const fineStage2 = new EnrichmentStage();
    events.forEach((e, i) => fineParts[i < half ? 0 : 1].push(...fineStage2.apply([e], 1).responses));
    fineParts[2] = fineStage2.flush(1).responses;
    for (let k = 0; k < 3; k++) {
      expect(coarse[k].responses).toEqual(coalesce(fineParts[k]));
      const ids = coarse[k].responses.map((r) => `${r.tenant}/${r.conversation_id}/${r.turn_id}`);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(fine.responses.length).toBeGreaterThan(coarse.reduce((n, c) => n + c.responses.length, 0)); // something was coalesced
    expect(coarse[2].responses.filter((r) => r.turn_id === 's-c0-t0').map((r) => r.conversation_id).sort()).toEqual(['other', 's-c0']);
    // Nothing else changes with the slicing: the other tables hold the same rows.
    const all = merged(coarse);
    expect(all.signals).toEqual(fine.signals);
    expect(all.response_features).toEqual(fine.response_features);
    expect(all.votes).toEqual(fine.votes);
    // The final rows are every turn's last version.
    const last = new Map(fine.responses.map((r) => [`${r.conversation_id}/${r.turn_id}`, r]));
    expect(all.responses.filter((r) => r.final === 1).sort((a, b) => (a.conversation_id + a.turn_id < b.conversation_id + b.turn_id ? -1 : 1)))
      .toEqual([...last.values()].sort((a, b) => (a.conversation_id + a.turn_id < b.conversation_id + b.turn_id ? -1 : 1)));
  });
});
