import { interaction, MIN, SEC, T0, thumbs, turn } from '../../test/events';
import { finalState, lateRows, runEngine, signalRows } from '../../test/run-engine';

const CONFIG = { allowedLatenessMs: 2 * MIN };

describe('signal engine: late and unattached events', () => {
  it('reports an event before the watermark as late, with how late it was, and does not apply it', () => {
    const { outputs, engine } = runEngine([
      turn('c1', 't1', T0),
      turn('c2', 't1', T0 + 10 * MIN), // moves the watermark to T0 + 8 min
      interaction('c1', 't1', T0 + 5 * MIN, 'copy', { copied_chars: 5, event_id: 'too-late' }),
    ], CONFIG);
    expect(lateRows(outputs)).toEqual([expect.objectContaining({ reason: 'late', lateness_ms: 3 * MIN, event: expect.objectContaining({ event_id: 'too-late' }) })]);
    expect(signalRows(outputs).filter((r) => r.kind === 'copy')).toEqual([]);
    expect(engine.stats()).toMatchObject({ late: 1, processed: 2 });
  });

  it('accepts an event exactly at the watermark, rejects one a millisecond before it', () => {
    const at = (ms: number) => runEngine([turn('c2', 't1', T0 + 10 * MIN), turn('c1', 't1', T0 + 8 * MIN + ms)], CONFIG).engine.stats().late;
    expect(at(0)).toBe(0);
    expect(at(-1)).toBe(1);
  });

  it('holds evidence for a turn not yet seen and applies it when the turn arrives', () => {
    const { outputs, engine } = runEngine([thumbs('c1', 't1', T0 + 5 * SEC, 1), interaction('c1', 't1', T0 + 6 * SEC, 'copy', { copied_chars: 10 })], CONFIG);
    expect(engine.stats().pendingEvidence).toBe(2);
    outputs.push(...engine.process(turn('c1', 't1', T0)));
    expect(engine.stats().pendingEvidence).toBe(0);
    expect(finalState(outputs)['c1/t1']).toMatchObject({ explicit: { thumbs: 1 }, signals: { copy: expect.any(Number) } });
  });

  it('emits evidence whose turn never arrives as unknown_turn once the watermark passes it, with long edit texts elided', () => {
    const longEdit = 'y'.repeat(5000);
    const { outputs, engine } = runEngine(
      [turn('c1', 't1', T0), interaction('c1', 'ghost', T0 + SEC, 'edit', { edited_text: longEdit, event_id: 'edit-ghost' }), thumbs('c1', 'ghost', T0 + 2 * SEC, -1, 'thumbs-ghost')],
      CONFIG,
      T0 + 3 * MIN,
    );
    const unknown = lateRows(outputs);
    expect(unknown.map((l) => [l.reason, l.event.event_id])).toEqual([['unknown_turn', 'edit-ghost'], ['unknown_turn', 'thumbs-ghost']]);
    expect(unknown[0].event).toMatchObject({ action: 'edit', edited_text: '' });
    expect(engine.stats()).toMatchObject({ unknownTurn: 2, pendingEvidence: 0 });
  });

  it('bounds the evidence waiting per conversation: beyond the limit it is reported at once', () => {
    const events = Array.from({ length: 5 }, (_, i) => thumbs('c1', `ghost${i}`, T0 + i * SEC, 1));
    const { outputs, engine } = runEngine(events, { ...CONFIG, maxPendingPerConversation: 3 });
    expect(lateRows(outputs).map((l) => l.reason)).toEqual(['unknown_turn', 'unknown_turn']);
    expect(engine.stats()).toMatchObject({ pendingEvidence: 3, unknownTurn: 2 });
  });

  it('counts a second delivery of an event and a re-sent turn as duplicates, with no output', () => {
    const first = turn('c1', 't1', T0, { event_id: 'a' });
    const { engine } = runEngine([first, interaction('c1', 't1', T0 + SEC, 'copy', { copied_chars: 5, event_id: 'b' })], CONFIG);
    expect(engine.process(first)).toEqual([]);
    expect(engine.process(interaction('c1', 't1', T0 + SEC, 'copy', { copied_chars: 5, event_id: 'b' }))).toEqual([]);
    expect(engine.process(turn('c1', 't1', T0, { event_id: 'resent' }))).toEqual([]);
    expect(engine.stats()).toMatchObject({ duplicates: 3, processed: 2 });
  });

  it('starts a new session after the gap: evidence for a turn of the closed session is unknown', () => {
    const { outputs, engine } = runEngine([turn('c1', 't1', T0), turn('c2', 't1', T0 + 40 * MIN), thumbs('c1', 't1', T0 + 40 * MIN, 1)], CONFIG, T0 + 50 * MIN);
    expect(engine.stats().evictedConversations).toBe(1);
    expect(lateRows(outputs)).toEqual([expect.objectContaining({ reason: 'unknown_turn' })]);
  });

  it('ignores votes of conversations it has no state for, and counts them', () => {
    const vote = { ...thumbs('arena-1', 'x', T0, 1), type: 'vote', a: { model: 'm1' }, b: { model: 'm2' }, winner: 'a' } as never;
    expect(runEngine([vote], CONFIG).engine.stats()).toMatchObject({ ignoredVotes: 1, openConversations: 0 });
  });
});
