import type { SourceRecord } from '@prefstream/events';
import { dedupToken, planRecovery, rangeLogToken, sameRange, type RangeEntry } from './checkpoint';
import { RangeSlicer } from './range-slicer';

const range = (from: number, to: number, idleWatermarkMs?: number): RangeEntry => ({ topic: 't', partition: 0, from: String(from), to: String(to), ...(idleWatermarkMs ? { idleWatermarkMs } : {}) });
const recs = (...offsets: number[]): SourceRecord[] => offsets.map((o) => ({ value: new Uint8Array([o % 256]), position: { kind: 'kafka', topic: 't', partition: 0, offset: String(o) } }));
const spans = (slices: { from: string; to: string; records: SourceRecord[]; replayed: boolean }[]) =>
  slices.map((s) => `${s.replayed ? 'R' : 'N'}${s.from}-${s.to}:${s.records.map((r) => (r.position as { offset: string }).offset).join(',')}`);

describe('planRecovery', () => {
  it('starts from scratch with no snapshot and no log', () => {
    expect(planRecovery(undefined, [])).toEqual({ startOffset: undefined, state: undefined, replay: [] });
  });

  it('resumes at the snapshot and replays the contiguous ranges logged after it', () => {
    const plan = planRecovery({ topic: 't', partition: 0, nextOffset: '10', state: { n: 1 } }, [range(0, 9), range(20, 29), range(10, 19), range(35, 40)]);
    expect(plan.startOffset).toBe('10');
    expect(plan.state).toEqual({ n: 1 });
    expect(plan.replay).toEqual([range(10, 19), range(20, 29)]); // stops at the gap before 35
  });

  it('replays from the first logged range when there is no snapshot yet', () => {
    expect(planRecovery(undefined, [range(5, 7), range(0, 4)]).replay).toEqual([range(0, 4), range(5, 7)]);
  });

  it('takes the first entry given for a start when the log holds two (the register winner comes first)', () => {
    expect(planRecovery(undefined, [range(0, 4), range(5, 9), range(5, 7), range(8, 9)]).replay).toEqual([range(0, 4), range(5, 9)]);
    const snapshot = { topic: 't', partition: 0, nextOffset: '5', state: {} };
    expect(planRecovery(snapshot, [range(5, 7), range(8, 12), range(5, 9), range(10, 12)]).replay).toEqual([range(5, 7), range(8, 12)]);
  });

  it('builds tokens that depend only on where the inputs came from', () => {
    expect(dedupToken('events', 3, '100', '199', 'raw_events', 1)).toBe('events/3/100-199/raw_events/1');
    expect(dedupToken('events', 3, '100', '199', 'raw_events')).not.toBe(dedupToken('events', 3, '100', '198', 'raw_events'));
  });
});

describe('the range log register', () => {
  it('keys an entry by its start only, so two proposals for one start share a token', () => {
    expect(rangeLogToken('g', 'events', 3, '100')).toBe('checkpoint/g/events/3/range/100');
    expect(rangeLogToken('g', 'events', 3, '100')).not.toBe(rangeLogToken('g', 'events', 3, '101'));
    expect(rangeLogToken('g', 'events', 3, '100')).not.toBe(rangeLogToken('h', 'events', 3, '100'));
    expect(rangeLogToken('g', 'events', 3, '100')).not.toBe(rangeLogToken('g', 'events', 4, '100'));
    expect(rangeLogToken('g', 'events', 3, '18446744073709551615')).toBe('checkpoint/g/events/3/range/18446744073709551615');
  });

  it('compares entries by end and idle-watermark advance', () => {
    expect(sameRange(range(1, 5), range(1, 5))).toBe(true);
    expect(sameRange(range(1, 5), range(1, 6))).toBe(false);
    expect(sameRange(range(1, 5), range(1, 5, 1000))).toBe(false);
    expect(sameRange(range(1, 5, 1000), range(1, 5, 1000))).toBe(true);
  });
});

describe('RangeSlicer', () => {
  it('emits nothing for no records', () => expect(new RangeSlicer('0', []).push([])).toEqual([]));

  it('makes each batch one slice when nothing is to be replayed', () => {
    const slicer = new RangeSlicer(undefined, []);
    expect(spans(slicer.push(recs(0, 1, 2)))).toEqual(['N0-2:0,1,2']);
    expect(spans(slicer.push(recs(3)))).toEqual(['N3-3:3']);
  });

  it('reproduces logged ranges exactly whatever the fetch boundaries, then continues freely', () => {
    const slicer = new RangeSlicer('10', [range(10, 13), range(14, 15)]);
    expect(spans(slicer.push(recs(10, 11)))).toEqual([]); // range 10-13 not complete yet
    expect(spans(slicer.push(recs(12, 13, 14, 15, 16, 17)))).toEqual(['R10-13:10,11,12,13', 'R14-15:14,15', 'N16-17:16,17']);
    expect(slicer.replaying).toBe(false);
  });

  it('skips records the snapshot already covers and records delivered twice', () => {
    const slicer = new RangeSlicer('5', []);
    expect(spans(slicer.push(recs(3, 4, 5, 6)))).toEqual(['N5-6:5,6']);
    expect(spans(slicer.push(recs(6, 7)))).toEqual(['N7-7:7']);
  });

  it('covers offset gaps (compaction, transaction markers) so logged ranges stay contiguous', () => {
    const slicer = new RangeSlicer('0', []);
    expect(spans([...slicer.push(recs(0, 1)), ...slicer.push(recs(4, 5))])).toEqual(['N0-1:0,1', 'N2-5:4,5']);
    const replay = new RangeSlicer('0', [range(0, 1), range(2, 5)]);
    expect(spans(replay.push(recs(0, 1, 4, 5, 6)))).toEqual(['R0-1:0,1', 'R2-5:4,5', 'N6-6:6']);
  });

  it('emits a logged range whose last offsets no longer exist once a later record shows they are gone', () => {
    const slicer = new RangeSlicer('0', [range(0, 3)]);
    expect(spans(slicer.push(recs(0, 1)))).toEqual([]);
    expect(spans(slicer.push(recs(5)))).toEqual(['R0-3:0,1', 'N4-5:5']);
  });
});

describe('RangeSlicer.adopt (another owner logged this start first)', () => {
  it('cuts at a shorter logged end, emits it as logged, and proposes the rest anew', () => {
    const slicer = new RangeSlicer('0', []);
    const [proposed] = slicer.push(recs(0, 1, 2, 3, 4, 5));
    expect(spans([proposed])).toEqual(['N0-5:0,1,2,3,4,5']);
    expect(spans(slicer.adopt(proposed, range(0, 2)))).toEqual(['R0-2:0,1,2', 'N3-5:3,4,5']);
    expect(spans(slicer.push(recs(6)))).toEqual(['N6-6:6']);
  });

  it('waits for the rest of a longer logged range, then continues after it', () => {
    const slicer = new RangeSlicer('10', []);
    const [proposed] = slicer.push(recs(10, 11));
    expect(spans(slicer.adopt(proposed, range(10, 14, 500)))).toEqual([]);
    expect(slicer.replaying).toBe(true);
    expect(spans(slicer.push(recs(12, 13)))).toEqual([]);
    const next = slicer.push(recs(14, 15, 16));
    expect(spans(next)).toEqual(['R10-14:10,11,12,13,14', 'N15-16:15,16']);
    expect(next[0].idleWatermarkMs).toBe(500);
    expect(slicer.replaying).toBe(false);
  });

  it('can adopt again: the new proposal for the rest can lose too', () => {
    const slicer = new RangeSlicer('0', []);
    const [first] = slicer.push(recs(0, 1, 2, 3, 4, 5));
    const [logged, rest] = slicer.adopt(first, range(0, 1));
    expect(spans([logged, rest])).toEqual(['R0-1:0,1', 'N2-5:2,3,4,5']);
    expect(spans(slicer.adopt(rest, range(2, 3)))).toEqual(['R2-3:2,3', 'N4-5:4,5']);
  });

  it('keeps the span over offset gaps when cutting', () => {
    const slicer = new RangeSlicer('0', []);
    const [proposed] = slicer.push(recs(0, 4, 5, 9));
    expect(spans(slicer.adopt(proposed, range(0, 6)))).toEqual(['R0-6:0,4,5', 'N7-9:9']);
  });

  it('refuses what is not the slice just proposed, or a logged range at another start', () => {
    const slicer = new RangeSlicer('0', [range(0, 1)]);
    const [replayed, proposed] = slicer.push(recs(0, 1, 2, 3));
    expect(() => slicer.adopt(replayed, range(0, 3))).toThrow(/not the slice just proposed/);
    expect(() => slicer.adopt(proposed, range(3, 3))).toThrow(/cannot replace/);
    expect(() => slicer.adopt(proposed, { ...range(2, 3), to: '1' })).toThrow(/cannot replace/);
    const stale = new RangeSlicer('0', []);
    const [old] = stale.push(recs(0, 1));
    stale.push(recs(2));
    expect(() => stale.adopt(old, range(0, 0))).toThrow(/not the slice just proposed/);
  });
});
