import { EXAMPLE_EVENTS, type PrefEvent } from '@prefstream/events';
import { createUserHasher } from './user-hasher';
import { PartitionProcessor } from './partition-processor';

const hashUser = createUserHasher('k'.repeat(32));
let offset = 0;
const rec = (event: object | string) => ({ value: new TextEncoder().encode(typeof event === 'string' ? event : JSON.stringify(event)), position: { kind: 'kafka' as const, topic: 't', partition: 0, offset: String(offset++) } });
const at = (e: PrefEvent, id: string, minutes: number) => ({ ...e, event_id: id, ts: new Date(Date.UTC(2026, 10, 22, 10, minutes)).toISOString() });

describe('PartitionProcessor', () => {
  it('drops a second delivery of the same event_id (a producer retry at another offset)', () => {
    const p = new PartitionProcessor({ hashUser });
    const a = p.process([rec(EXAMPLE_EVENTS[0]), rec(EXAMPLE_EVENTS[1])], 0);
    const b = p.process([rec(EXAMPLE_EVENTS[0]), rec('nope')], 0);
    expect(a.tables.raw_events.map((r) => r.event_id)).toEqual(['ev-turn-1', 'ev-turn-2']);
    expect(b.tables.raw_events).toEqual([]);
    expect(b.counters).toMatchObject({ accepted: 0, duplicates: 1, rejected: 1 });
  });

  it('remembers ids across a snapshot and restore, and forgets them after the window', () => {
    const p = new PartitionProcessor({ hashUser, dedupWindowMs: 5 * 60_000 });
    p.process([rec(at(EXAMPLE_EVENTS[2], 'x', 0))], 0);
    const restored = new PartitionProcessor({ hashUser, dedupWindowMs: 5 * 60_000 }, JSON.parse(JSON.stringify(p.snapshot())));
    expect(restored.process([rec(at(EXAMPLE_EVENTS[2], 'x', 1))], 0).counters.duplicates).toBe(1);
    restored.process([rec(at(EXAMPLE_EVENTS[2], 'y', 30))], 0);
    expect(restored.rememberedIds).toBe(1);
    expect(restored.process([rec(at(EXAMPLE_EVENTS[2], 'x', 31))], 0).counters.duplicates).toBe(0);
  });

  it('is deterministic: the same state and records give the same rows', () => {
    const records = EXAMPLE_EVENTS.map(rec);
    const one = new PartitionProcessor({ hashUser }).process(records, 5);
    const two = new PartitionProcessor({ hashUser }).process(records, 5);
    expect(two).toEqual(one);
  });

  it('gives the same output whether it decodes the records itself or is handed them decoded', () => {
    const records = [...EXAMPLE_EVENTS.map(rec), rec('nope')];
    const whole = new PartitionProcessor({ hashUser }).process(records, 5);
    const split = new PartitionProcessor({ hashUser });
    expect(split.processDecoded(split.decode(records), 5)).toEqual(whole);
    expect(whole.tables.raw_events.length).toBe(EXAMPLE_EVENTS.length);
  });
});
