import { validateEvent, type PrefEvent } from '@prefstream/events';
import { generateSyntheticTraffic } from './synthetic-traffic';

const take = (options: Parameters<typeof generateSyntheticTraffic>[0]) => [...generateSyntheticTraffic(options)];

describe('generateSyntheticTraffic', () => {
  it('yields nothing for zero conversations', () => expect(take({ conversations: 0 })).toEqual([]));

  it('produces only contract-valid events, in event-time order, with unique ids', () => {
    const events = take({ conversations: 300, seed: 7 });
    for (const e of events) expect(validateEvent(e)).toMatchObject({ ok: true });
    for (let i = 1; i < events.length; i++) expect(Date.parse(events[i].ts)).toBeGreaterThanOrEqual(Date.parse(events[i - 1].ts));
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = take({ conversations: 50, seed: 1 });
    expect(take({ conversations: 50, seed: 1 })).toEqual(a);
    expect(take({ conversations: 50, seed: 2 })).not.toEqual(a);
  });

  it('covers every event type and interleaves conversations', () => {
    const events = take({ conversations: 400, seed: 3, voteRate: 0.3, conversationGapMs: 500 });
    const types = new Set(events.map((e) => (e.type === 'feedback' ? `feedback:${e.kind}` : e.type === 'interaction' ? `interaction:${e.action}` : e.type)));
    for (const t of ['turn', 'vote', 'feedback:thumbs', 'interaction:regenerate', 'interaction:copy', 'interaction:edit', 'interaction:stop', 'interaction:dwell', 'interaction:close']) expect(types).toContain(t);
    const switches = events.slice(1).filter((e, i) => e.conversation_id !== events[i].conversation_id).length;
    const conversations = new Set(events.map((e) => e.conversation_id)).size;
    expect(switches).toBeGreaterThan(conversations * 1.5);
  });

  it('makes users happier with the better model (thumbs-up rate follows quality)', () => {
    const events = take({ conversations: 4000, seed: 11 });
    const modelOfTurn = new Map<string, string>();
    const up = new Map<string, [number, number]>();
    for (const e of events as PrefEvent[]) {
      if (e.type === 'turn') modelOfTurn.set(e.turn_id, e.model_version);
      if (e.type === 'feedback' && e.kind === 'thumbs') {
        const key = modelOfTurn.get(e.turn_id)!;
        const [pos, all] = up.get(key) ?? [0, 0];
        up.set(key, [pos + (e.value === 1 ? 1 : 0), all + 1]);
      }
    }
    const rate = (k: string) => up.get(k)![0] / up.get(k)![1];
    expect(rate('2026-11-01')).toBeGreaterThan(rate('2026-10-01'));
    expect(rate('2026-10-01')).toBeGreaterThan(rate('v3'));
  });
});
