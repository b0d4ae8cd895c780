import { RatingHistory } from './rating-history';

const HOUR = 3_600_000;
const snap = (minutes: number) => ({ computedAt: minutes * 60_000, rows: [] });

describe('RatingHistory', () => {
  it('finds the newest snapshot at least the lookback older, like a scan of the full history would', () => {
    const times = [0, 10, 25, 50, 61, 70, 95, 130, 131, 200];
    const h = new RatingHistory(HOUR, 100);
    for (const t of times) {
      // Brute force over every snapshot so far, before adding t.
      for (const at of [t, t + 5]) {
        const expected = times.filter((x) => x < t && x * 60_000 <= at * 60_000 - HOUR).pop();
        expect(h.reference(at * 60_000)?.computedAt).toBe(expected === undefined ? undefined : expected * 60_000);
      }
      h.add(snap(t));
    }
  });

  it('keeps only what later comparisons can need, and at most maxSnapshots', () => {
    const h = new RatingHistory(HOUR, 100);
    for (let t = 0; t <= 300; t += 5) h.add(snap(t));
    expect(h.size).toBe(13); // minutes 240 (the reference for 300) to 300
    expect(h.reference(300 * 60_000)?.computedAt).toBe(240 * 60_000);
    const capped = new RatingHistory(HOUR, 4);
    for (let t = 0; t < 30; t++) capped.add(snap(t));
    expect(capped.size).toBe(4);
    expect(capped.latestMs).toBe(29 * 60_000);
  });

  it('refuses snapshots out of order and nonsensical bounds', () => {
    const h = new RatingHistory(HOUR, 10);
    h.add(snap(5));
    expect(() => h.add(snap(5))).toThrow(RangeError);
    expect(() => new RatingHistory(0, 10)).toThrow(RangeError);
    expect(() => new RatingHistory(HOUR, 1)).toThrow(RangeError);
  });
});
