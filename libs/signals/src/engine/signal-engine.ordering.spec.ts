import fc from 'fast-check';
import { MIN, T0 } from '../../test/events';
import { conversationArbitrary, deliveryArbitrary } from '../../test/random-conversation';
import { finalState, lateRows, runEngine } from '../../test/run-engine';

// Limits that cannot bind on these conversations (each is tested on its own): enough turns kept that no
// evidence outlives its turn, and room for every feedback/interaction event to wait for its turn at once
// (6 turns x at most 4 each, see random-conversation.ts). With the default of 8 pending, evidence that
// overtook three delayed turns overflowed to 'unknown_turn' (fast-check seed -768909012).
const CONFIG = { allowedLatenessMs: 2 * MIN, maxTurnsPerConversation: 16, maxPendingPerConversation: 6 * 4 };
const CLOSE = T0 + 24 * 60 * MIN;

describe('signal engine: order and duplicates', () => {
  it('gives the same final state for any arrival order within the allowed lateness, with duplicates', () => {
    const scenario = conversationArbitrary('c1', T0, 6).chain((events) => fc.tuple(fc.constant(events), deliveryArbitrary(events, CONFIG.allowedLatenessMs)));
    fc.assert(
      fc.property(scenario, ([inOrder, delivered]) => {
        const reference = runEngine(inOrder, CONFIG, CLOSE);
        const shuffled = runEngine(delivered, CONFIG, CLOSE);
        expect(lateRows(shuffled.outputs)).toEqual([]);
        expect(finalState(shuffled.outputs)).toEqual(finalState(reference.outputs));
        expect(shuffled.engine.stats().duplicates).toBe(delivered.length - inOrder.length);
        expect(shuffled.engine.stats().processed).toBe(inOrder.length);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it('never applies an event twice when everything is redelivered: duplicates within the lateness, late ones reported', () => {
    fc.assert(
      fc.property(conversationArbitrary('c1', T0, 5), (events) => {
        const once = runEngine(events, CONFIG, CLOSE);
        const twice = runEngine([...events, ...events], CONFIG, CLOSE);
        expect(finalState(twice.outputs)).toEqual(finalState(once.outputs));
        const stats = twice.engine.stats();
        expect(stats.duplicates + stats.late).toBe(events.length);
        expect(lateRows(twice.outputs).map((l) => l.event.event_id).sort()).toEqual(
          events.filter((e) => Date.parse(e.ts) < Math.max(...events.map((x) => Date.parse(x.ts))) - CONFIG.allowedLatenessMs).map((e) => e.event_id).sort(),
        );
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
