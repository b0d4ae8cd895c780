import fc from 'fast-check';
import type { PrefEvent } from '@prefstream/events';
import type { SignalOutput } from '../outputs';
import { MIN, T0 } from '../../test/events';
import { conversationArbitrary, deliveryArbitrary } from '../../test/random-conversation';
import { createSignalEngine } from './signal-engine';

const CONFIG = { allowedLatenessMs: 2 * MIN };
const CLOSE = T0 + 24 * 60 * MIN;

/** Interleaved conversations delivered out of order within the lateness. */
const stream = fc
  .tuple(conversationArbitrary('a', T0, 5), conversationArbitrary('b', T0 + 30_000, 5), conversationArbitrary('c', T0 + 95_000, 5))
  .map((parts) => parts.flat().sort((x, y) => Date.parse(x.ts) - Date.parse(y.ts)))
  .chain((events) => deliveryArbitrary(events, CONFIG.allowedLatenessMs));

function uninterrupted(events: readonly PrefEvent[]): SignalOutput[] {
  const engine = createSignalEngine(CONFIG);
  return [...events.flatMap((e) => engine.process(e)), ...engine.advanceWatermark(CLOSE)];
}

describe('signal engine: checkpoint and restore', () => {
  it('restored from a JSON checkpoint at any point, produces exactly the outputs of an uninterrupted run', () => {
    fc.assert(
      fc.property(stream, fc.double({ min: 0, max: 1, noNaN: true }), (events, where) => {
        const cut = Math.floor(where * events.length);
        const before = createSignalEngine(CONFIG);
        const outputs = events.slice(0, cut).flatMap((e) => before.process(e));
        const checkpoint = JSON.parse(JSON.stringify(before.snapshot()));
        const after = createSignalEngine(CONFIG, checkpoint);
        expect(after.snapshot()).toEqual(checkpoint);
        outputs.push(...events.slice(cut).flatMap((e) => after.process(e)), ...after.advanceWatermark(CLOSE));
        expect(outputs).toEqual(uninterrupted(events));
        expect(after.stats()).toEqual({ ...before.stats(), ...after.stats() }); // counters carried over, not reset
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('does not depend on batch boundaries: watermark calls at the current event time change nothing', () => {
    fc.assert(
      fc.property(stream, (events) => {
        const engine = createSignalEngine(CONFIG);
        let maxTs = -Infinity;
        const outputs: SignalOutput[] = [];
        for (const e of events) {
          outputs.push(...engine.process(e));
          maxTs = Math.max(maxTs, Date.parse(e.ts));
          outputs.push(...engine.advanceWatermark(maxTs)); // what a partition worker does after each batch
        }
        outputs.push(...engine.advanceWatermark(CLOSE));
        expect(outputs).toEqual(uninterrupted(events));
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  it('keeps one conversation split across a checkpoint consistent: the follow-up lands on the turn before the cut', () => {
    const engine = createSignalEngine(CONFIG);
    const first = { schema_version: 1 as const, event_id: 'e1', ts: new Date(T0).toISOString(), tenant: 'acme', conversation_id: 'c', type: 'turn' as const, turn_id: 't1', prompt: 'How do I reverse a list?', response: 'Use reversed().', model: 'm', model_version: 'v' };
    engine.process(first);
    const restored = createSignalEngine(CONFIG, JSON.parse(JSON.stringify(engine.snapshot())));
    const outputs = [...restored.process({ ...first, event_id: 'e2', ts: new Date(T0 + 30_000).toISOString(), turn_id: 't2', prompt: "that's wrong" }), ...restored.advanceWatermark(CLOSE)];
    expect(outputs).toContainEqual({ type: 'signal', row: expect.objectContaining({ turn_id: 't1', kind: 'followup_complaint', event_id: 'e2' }) });
    expect(outputs.filter((o) => o.type === 'response' && o.row.final).map((o) => o.type === 'response' && [o.row.turn_id, o.row.version])).toEqual([['t1', 2], ['t2', 2]]); // one update before the cut, then the follow-up arrives with the final one
  });

  it('refuses a checkpoint written under a different edit-reference setting', () => {
    const saved = createSignalEngine({ exactEditMaxChars: 100 }).snapshot();
    expect(() => createSignalEngine({ exactEditMaxChars: 200 }, saved)).toThrow(/exactEditMaxChars 100/);
  });
});
