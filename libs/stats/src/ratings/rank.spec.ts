import { percentile } from './percentile';
import { ranksByInterval } from './rank';

describe('ranksByInterval', () => {
  it('counts the models strictly above each interval', () => {
    const intervals = [
      { ciLow: 1200, ciHigh: 1300 }, // nothing above
      { ciLow: 1150, ciHigh: 1210 }, // overlaps the first
      { ciLow: 1000, ciHigh: 1100 }, // below both
      { ciLow: 900, ciHigh: 1160 }, // overlaps the second, below the first
    ];
    expect(ranksByInterval(intervals)).toEqual([1, 1, 3, 2]);
    expect(ranksByInterval([])).toEqual([]);
  });
});

describe('percentile', () => {
  it('interpolates linearly between order statistics and ignores NaN', () => {
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 1)).toBe(4);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([10, NaN, 20], 0.25)).toBe(12.5);
    expect(percentile([NaN], 0.5)).toBeNaN();
  });
});
