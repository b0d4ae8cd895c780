import { createSignalEngine } from './signal-engine';
import { interaction, MIN, rating, SEC, T0, thumbs, turn } from '../../test/events';
import { naiveLevenshtein } from '../../test/naive-levenshtein';
import { finalState, lastUpdates, runEngine, signalRows, updates } from '../../test/run-engine';

const CLOSE = T0 + 3 * 60 * MIN; // far enough for every session below to be evicted
const signalsOf = (events: Parameters<typeof runEngine>[0], key = 'c1/t1') => finalState(runEngine(events, {}, CLOSE).outputs)[key].signals;

describe('signal engine: one signal at a time', () => {
  it('regenerate from an interaction and from a turn that regenerates another, counted once', () => {
    expect(signalsOf([turn('c1', 't1', T0), interaction('c1', 't1', T0 + 5 * SEC, 'regenerate')])).toMatchObject({ regenerate: 1 });
    const both = runEngine([turn('c1', 't1', T0), interaction('c1', 't1', T0 + 5 * SEC, 'regenerate'), turn('c1', 't2', T0 + 8 * SEC, { regenerated_from: 't1' })], {}, CLOSE);
    expect(signalRows(both.outputs).filter((r) => r.kind === 'regenerate')).toHaveLength(1);
    // The regenerated turn's prompt is the same question, not a follow-up: no rephrase on t1.
    expect(finalState(both.outputs)['c1/t1'].signals).toEqual({ regenerate: 1 });
  });

  it('regenerate when the regenerating turn arrives before the one it replaces (within the lateness)', () => {
    const signals = signalsOf([turn('c1', 't2', T0 + 8 * SEC, { regenerated_from: 't1' }), turn('c1', 't1', T0)]);
    expect(signals).toMatchObject({ regenerate: 1 });
  });

  it('stop and share as flags, copy as the share of the response copied (the largest copy)', () => {
    const response = 'x'.repeat(200);
    const signals = signalsOf([
      turn('c1', 't1', T0, { response }),
      interaction('c1', 't1', T0 + SEC, 'stop', { shown_chars: 50 }),
      interaction('c1', 't1', T0 + 2 * SEC, 'copy', { copied_chars: 50 }),
      interaction('c1', 't1', T0 + 3 * SEC, 'copy', { copied_chars: 100 }),
      interaction('c1', 't1', T0 + 4 * SEC, 'copy', { copied_chars: 20 }),
      interaction('c1', 't1', T0 + 5 * SEC, 'share'),
    ]);
    expect(signals).toEqual({ stop: 1, copy: 0.5, share: 1 });
  });

  it('edit: exact normalised Levenshtein for short texts, none for an unchanged text', () => {
    const response = 'The capital of Australia is Sydney.';
    const edited = 'The capital of Australia is Canberra.';
    expect(signalsOf([turn('c1', 't1', T0, { response }), interaction('c1', 't1', T0 + SEC, 'edit', { edited_text: edited })]).edit).toBe(naiveLevenshtein(response, edited) / edited.length);
    expect(signalsOf([turn('c1', 't1', T0, { response }), interaction('c1', 't1', T0 + SEC, 'edit', { edited_text: response })]).edit).toBeUndefined();
  });

  it('edit: a sketch estimate for long texts, close to the exact value', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${(i * 7919) % 1000}`);
    const response = words.join(' ');
    const edited = words.slice(0, 300).join(' '); // the last quarter deleted
    const exact = (response.length - edited.length) / response.length;
    const estimate = signalsOf([turn('c1', 't1', T0, { response }), interaction('c1', 't1', T0 + SEC, 'edit', { edited_text: edited })]).edit!;
    expect(Math.abs(estimate - exact)).toBeLessThan(0.05);
  });

  it('dwell in seconds, the longest report', () => {
    expect(signalsOf([turn('c1', 't1', T0), interaction('c1', 't1', T0 + SEC, 'dwell', { dwell_ms: 15000 }), interaction('c1', 't1', T0 + 2 * SEC, 'dwell', { dwell_ms: 4000 })]).dwell).toBe(15);
  });

  it.each([
    ["that's wrong, it doesn't work", 'followup_complaint'],
    ['try again please', 'followup_retry'],
    ['thanks, that worked!', 'followup_gratitude'],
    ['what do you mean?', 'followup_clarification'],
  ])('reads the next prompt %j as %s on the previous response', (prompt, kind) => {
    const rows = signalRows(runEngine([turn('c1', 't1', T0), turn('c1', 't2', T0 + 30 * SEC, { prompt, event_id: 'next' })], {}, CLOSE).outputs);
    expect(rows.filter((r) => r.turn_id === 't1').map((r) => [r.kind, r.event_id])).toEqual([[kind, 'next']]);
  });

  it('rephrase when the next prompt restates the previous one; topic pivot when it shares nothing', () => {
    const rephrased = signalsOf([turn('c1', 't1', T0, { prompt: 'How do I reverse a list in Python?' }), turn('c1', 't2', T0 + 30 * SEC, { prompt: 'python: reverse list how?' })]);
    expect(rephrased.rephrase).toBe(1);
    const pivot = signalsOf([turn('c1', 't1', T0), turn('c1', 't2', T0 + 30 * SEC, { prompt: 'Recommend a good hiking trail near Denver for beginners' })]);
    expect(pivot).toEqual({ topic_pivot: 1 });
    const continuation = signalsOf([turn('c1', 't1', T0), turn('c1', 't2', T0 + 30 * SEC, { prompt: 'Does reverse() return a copy of my_list?' })]);
    expect(continuation).toEqual({});
  });

  it('abandonment only without any user activity within the gap; dwell and close are not activity', () => {
    expect(signalsOf([turn('c1', 't1', T0)])).toEqual({ abandon: 1 });
    expect(signalsOf([turn('c1', 't1', T0), interaction('c1', 't1', T0 + 10 * SEC, 'dwell', { dwell_ms: 9000 }), interaction('c1', 't1', T0 + 11 * SEC, 'close')])).toEqual({ abandon: 1, dwell: 9 });
    expect(signalsOf([turn('c1', 't1', T0), thumbs('c1', 't1', T0 + 10 * SEC, 1)])).toEqual({});
    // A next prompt after the gap comes too late to count: t1 was abandoned (and t2 too).
    const late = finalState(runEngine([turn('c1', 't1', T0), turn('c1', 't2', T0 + 6 * MIN, { prompt: 'tell me about the weather in Oslo tomorrow' })], {}, CLOSE).outputs);
    expect(late['c1/t1'].signals).toMatchObject({ abandon: 1 });
    expect(late['c1/t2'].signals).toEqual({ abandon: 1 });
  });

  it('explicit feedback reaches the response update: latest thumbs and rating by event time, flags', () => {
    const state = finalState(
      runEngine([
        turn('c1', 't1', T0),
        thumbs('c1', 't1', T0 + 9 * SEC, -1),
        thumbs('c1', 't1', T0 + 5 * SEC, 1), // earlier in event time, arrives later: does not win
        rating('c1', 't1', T0 + 6 * SEC, 4),
        { ...thumbs('c1', 't1', T0 + 7 * SEC, 1), kind: 'flag', reason: 'incorrect' } as never,
      ], {}, CLOSE).outputs,
    )['c1/t1'];
    expect(state.explicit).toEqual({ thumbs: -1, rating: 0.75, flagged: true, reacted: false, commented: false });
    expect(state.reward).toBe(0); // explicit feedback is not part of the implicit reward
  });
});

describe('signal engine: response updates', () => {
  it('re-emits a turn when its signals change, with a version that only grows, and ends with one final update', () => {
    const { outputs } = runEngine([turn('c1', 't1', T0), interaction('c1', 't1', T0 + SEC, 'copy', { copied_chars: 10 }), interaction('c1', 't1', T0 + 2 * SEC, 'copy', { copied_chars: 5 })], {}, CLOSE);
    const versions = updates(outputs).map((u) => [u.version, u.final]);
    expect(versions).toEqual([[1, false], [2, false], [3, true]]); // the smaller copy changed nothing
  });

  it('carries the turn context: model, version, variant, user, event time', () => {
    const u = lastUpdates(runEngine([turn('c1', 't1', T0, { model: 'm', model_version: 'v9', variant: 'B' })]).outputs).get('c1/t1')!;
    expect(u).toMatchObject({ tenant: 'acme', conversation_id: 'c1', turn_id: 't1', model: 'm', model_version: 'v9', variant: 'B', user_id: 'u1', ts: T0, final: false });
  });

  it('keeps the reward in [-1, 1] and signed by the evidence', () => {
    const state = finalState(runEngine([turn('c1', 't1', T0), interaction('c1', 't1', T0 + SEC, 'regenerate'), turn('c1', 't2', T0 + 2 * SEC, { regenerated_from: 't1' }), interaction('c1', 't2', T0 + 5 * SEC, 'copy', { copied_chars: 500 }), interaction('c1', 't2', T0 + 6 * SEC, 'share')], {}, CLOSE).outputs);
    expect(state['c1/t1'].reward).toBeLessThan(-0.5);
    expect(state['c1/t2'].reward).toBeGreaterThan(0.5);
  });
});

describe('tags and lookupTurn', () => {
  const turn = (turnId: string, ts: string) => ({ schema_version: 1 as const, event_id: `e-${turnId}`, type: 'turn' as const, ts, tenant: 't', conversation_id: 'c', turn_id: turnId, prompt: 'hello there', response: 'hi', model: 'm1', model_version: 'v1' });
  it('echoes a turn event\'s tags on every update of that turn, and only that turn', () => {
    const engine = createSignalEngine();
    const first = engine.process(turn('a', '2026-01-01T00:00:00Z'), { tags: 37 });
    const second = engine.process(turn('b', '2026-01-01T00:00:10Z'));
    const tagsOf = (outputs: ReturnType<typeof engine.process>, id: string) => outputs.filter((o) => o.type === 'response' && o.row.turn_id === id).map((o) => (o.row as { tags: number }).tags);
    expect(tagsOf(first, 'a')).toEqual([37]);
    expect(tagsOf(second, 'b')).toEqual([0]);
    const restored = createSignalEngine({}, engine.snapshot());
    const closing = restored.advanceWatermark(Date.parse('2026-01-02T00:00:00Z'));
    expect(tagsOf(closing, 'a').every((t) => t === 37)).toBe(true);
    expect(tagsOf(closing, 'a').length).toBeGreaterThan(0);
  });
  it('looks up open turns by id and forgets them when the session closes', () => {
    const engine = createSignalEngine();
    engine.process(turn('a', '2026-01-01T00:00:00Z'), { tags: 5 });
    expect(engine.lookupTurn('t', 'c', 'a')).toEqual({ model: 'm1', modelVersion: 'v1', variant: undefined, tags: 5 });
    expect(engine.lookupTurn('t', 'c', 'zz')).toBeUndefined();
    expect(engine.lookupTurn('other', 'c', 'a')).toBeUndefined();
    engine.advanceWatermark(Date.parse('2026-01-02T00:00:00Z'));
    expect(engine.lookupTurn('t', 'c', 'a')).toBeUndefined();
  });
});
