import { ConditionalRewardWindow } from './conditional-reward-window';
import { minuteOf } from './monitor-minute.test-helper';

const MINUTE = 60_000;
const withToxic = (i: number, n: number, sum: number) =>
  minuteOf({ minute_ms: i * MINUTE, reward_by_counts: { toxic: n, non_toxic: 2 * n }, reward_by_sums: { toxic: sum, non_toxic: 2 * sum }, reward_by_sumsqs: { toxic: sum * 2, non_toxic: sum * 4 } });

describe('ConditionalRewardWindow', () => {
  it('sums each group over the last N minutes, equal to a brute-force sum over that range', () => {
    const w = new ConditionalRewardWindow(3, ['toxic', 'non_toxic']);
    const added = Array.from({ length: 6 }, (_, i) => withToxic(i, i + 1, 0.5 * i));
    added.forEach((m) => w.add(m));
    const last3 = added.slice(3);
    expect(w.total('toxic')).toEqual({
      count: last3.reduce((a, m) => a + m.reward_by_counts.toxic, 0), sum: last3.reduce((a, m) => a + m.reward_by_sums.toxic, 0), sumsq: last3.reduce((a, m) => a + m.reward_by_sumsqs.toxic, 0),
    });
    expect(w.total('non_toxic').count).toBe(2 * (4 + 5 + 6));
    expect(w.lastMinuteMs).toBe(5 * MINUTE);
  });

  it('ages minutes out by time, so a gap without traffic empties the window', () => {
    const w = new ConditionalRewardWindow(60, ['toxic']);
    w.add(withToxic(0, 10, 1));
    w.add(withToxic(59, 10, 1));
    expect(w.total('toxic').count).toBe(20);
    w.add(withToxic(60, 10, 1)); // minute 0 is now 61 minutes before the newest's end
    expect(w.total('toxic').count).toBe(20);
    w.add(withToxic(200, 0, 0));
    expect(w.total('toxic')).toEqual({ count: 0, sum: 0, sumsq: 0 });
  });

  it('reads a missing group as empty and refuses minutes out of order', () => {
    const w = new ConditionalRewardWindow(5, ['toxic', 'refuses']);
    w.add(withToxic(1, 3, 1));
    expect(w.total('refuses')).toEqual({ count: 0, sum: 0, sumsq: 0 });
    expect(() => w.add(withToxic(1, 3, 1))).toThrow(RangeError);
    expect(() => new ConditionalRewardWindow(0, [])).toThrow(RangeError);
  });
});
