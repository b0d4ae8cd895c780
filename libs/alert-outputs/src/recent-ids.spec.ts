import { RecentIds } from './recent-ids';

describe('RecentIds', () => {
  it('forgets the oldest id beyond its capacity, counting a re-added id as new', () => {
    const ids = new RecentIds(2);
    ids.add('a');
    ids.add('b');
    ids.add('a'); // refreshed: b is now the oldest
    ids.add('c');
    expect([ids.has('a'), ids.has('b'), ids.has('c'), ids.size]).toEqual([true, false, true, 2]);
    expect(() => new RecentIds(0)).toThrow(RangeError);
  });
});
