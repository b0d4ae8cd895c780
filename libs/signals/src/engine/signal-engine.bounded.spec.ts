import type { PrefEvent } from '@prefstream/events';
import { interaction, MIN, SEC, T0, turn } from '../../test/events';
import { conversationArbitrary } from '../../test/random-conversation';
import { finalState, lateRows, runEngine, signalRows, updates } from '../../test/run-engine';
import fc from 'fast-check';
import { createSignalEngine } from './signal-engine';

const CLOSE = T0 + 400 * 60 * MIN;

describe('signal engine: bounded state', () => {
  it('runs a 10,000-turn conversation in bounded state and gives every turn its signals and one final update', () => {
    const engine = createSignalEngine({ maxTurnsPerConversation: 4 });
    const N = 10_000;
    let maxTurns = 0;
    let maxRecent = 0;
    const finals = new Map<string, number>();
    let gratitude = 0;
    let copies = 0;
    const take = (outputs: ReturnType<typeof engine.process>) => {
      for (const o of outputs) {
        if (o.type === 'response' && o.row.final) finals.set(o.row.turn_id, (finals.get(o.row.turn_id) ?? 0) + 1);
        if (o.type === 'signal' && o.row.kind === 'followup_gratitude') gratitude++;
        if (o.type === 'signal' && o.row.kind === 'copy') copies++;
      }
    };
    for (let i = 0; i < N; i++) {
      const at = T0 + i * 20 * SEC;
      take(engine.process(turn('long', `t${i}`, at, { prompt: i % 2 ? 'thanks, perfect' : `question number ${i} about sorting algorithms`, response: 'Sorted with merge sort: split, sort each half, merge.' })));
      take(engine.process(interaction('long', `t${i}`, at + 5 * SEC, 'copy', { copied_chars: 20 })));
      const stats = engine.stats();
      maxTurns = Math.max(maxTurns, stats.openTurns);
      maxRecent = Math.max(maxRecent, stats.recentEventIds);
    }
    take(engine.advanceWatermark(CLOSE));
    expect(maxTurns).toBeLessThanOrEqual(4 + 8); // the limit, plus turns not yet settled within the lateness
    expect(maxRecent).toBeLessThanOrEqual(64);
    expect(finals.size).toBe(N);
    expect([...finals.values()].every((n) => n === 1)).toBe(true);
    expect(gratitude).toBe(N / 2); // every odd turn thanks the one before it
    expect(copies).toBe(N);
    expect(engine.stats()).toMatchObject({ openConversations: 0, openTurns: 0, unknownTurn: 0, late: 0 });
  });

  it('evidence on a turn that already left the turn limit is reported, not lost', () => {
    const events: PrefEvent[] = Array.from({ length: 8 }, (_, i) => turn('c1', `t${i}`, T0 + i * 30 * SEC, { prompt: `topic ${i} details`, event_id: `turn${i}` }));
    events.push(interaction('c1', 't0', T0 + 8 * 30 * SEC, 'share', { event_id: 'share-old' }));
    const { outputs } = runEngine(events, { maxTurnsPerConversation: 2 }, CLOSE);
    expect(lateRows(outputs)).toEqual([expect.objectContaining({ reason: 'unknown_turn', event: expect.objectContaining({ event_id: 'share-old' }) })]);
  });

  it('keeps interleaved conversations independent: each ends as it would alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 4, maxLength: 8 }).chain((starts) => fc.tuple(...starts.map((s, i) => conversationArbitrary(`c${i}`, T0 + s, 4)))), (conversations) => {
        const interleaved = conversations.flat().sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
        const together = finalState(runEngine(interleaved, { maxTurnsPerConversation: 8 }, CLOSE).outputs);
        const alone = Object.assign({}, ...conversations.map((c) => finalState(runEngine(c, { maxTurnsPerConversation: 8 }, CLOSE).outputs)));
        expect(together).toEqual(alone);
      }),
      { numRuns: 40, seed: 3 },
    );
  });

  it('evicts a closed session and frees its state', () => {
    const { engine, outputs } = runEngine([turn('c1', 't1', T0), turn('c2', 't1', T0 + SEC)], {}, T0 + 33 * MIN);
    expect(engine.stats()).toMatchObject({ openConversations: 0, evictedConversations: 2, evictedTurns: 2 });
    expect(engine.snapshot().conversations).toEqual([]);
    expect(updates(outputs).filter((u) => u.final)).toHaveLength(2);
    expect(signalRows(outputs).map((r) => r.kind)).toEqual(['abandon', 'abandon']);
  });
});
