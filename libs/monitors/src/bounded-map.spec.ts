import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('evicts the entry seen longest ago once over capacity', () => {
    const map = new BoundedMap<string, number>(2);
    expect(map.set('a', 1)).toBeUndefined();
    map.set('b', 2);
    map.touch('a'); // a is now newer than b
    expect(map.set('c', 3)).toBe('b');
    expect([...map.keys()]).toEqual(['a', 'c']);
    expect(map.peek('b')).toBeUndefined();
    expect(map.size).toBe(2);
    expect(map.evictions).toBe(1);
    map.set('a', 4); // an existing key: no eviction
    expect(map.evictions).toBe(1);
  });

  it('peek does not count as seen; set of an existing key does not evict', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.peek('a')).toBe(1);
    expect(map.set('b', 20)).toBeUndefined();
    expect(map.set('c', 3)).toBe('a');
    expect(map.peek('b')).toBe(20);
  });

  it('creates a missing value once and returns the stored one afterwards', () => {
    const map = new BoundedMap<string, { n: number }>(10);
    let created = 0;
    const make = () => ({ n: ++created });
    const first = map.getOrCreate('k', make);
    expect(map.getOrCreate('k', make)).toBe(first);
    expect(created).toBe(1);
  });

  it('stays at its capacity under a stream of new keys', () => {
    const map = new BoundedMap<number, number>(100);
    for (let i = 0; i < 10_000; i++) map.set(i, i);
    expect(map.size).toBe(100);
    expect([...map.keys()][0]).toBe(9_900);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
    expect(() => new BoundedMap(1.5)).toThrow(RangeError);
  });
});
