import { VoteRowStore } from './vote-row-store';

describe('VoteRowStore', () => {
  it('keeps every vote up to capacity, in columns, with missing covariates as 0', () => {
    const store = new VoteRowStore({ covariates: ['len', 'bold'] });
    store.add({ modelA: 'x', modelB: 'y', winner: 'a', covariates: { len: 0.5, bold: -1 } });
    store.add({ modelA: 'y', modelB: 'z', winner: 'both_bad', covariates: { len: -0.25 } });
    expect(store.add({ modelA: 'z', modelB: 'z', winner: 'b', covariates: {} })).toBe(false);
    const c = store.columns();
    expect(c.rows).toBe(2);
    expect(Array.from(c.a)).toEqual([0, 1]);
    expect(Array.from(c.b)).toEqual([1, 2]);
    expect(Array.from(c.outcome)).toEqual([2, 1]);
    expect(Array.from(c.covariates)).toEqual([0.5, -1, -0.25, 0]);
    expect(store.models).toEqual(['x', 'y', 'z']);
    expect(() => store.add({ modelA: 'x', modelB: 'y', winner: 'a', covariates: { len: NaN } })).toThrow(RangeError);
  });

  it('becomes a uniform sample once full (each of 20 positions kept about capacity/seen of the time)', () => {
    const capacity = 10;
    const trials = 4000;
    const kept = new Array<number>(20).fill(0);
    for (let t = 0; t < trials; t++) {
      const store = new VoteRowStore({ covariates: ['v'], capacity, seed: t });
      for (let v = 0; v < 20; v++) store.add({ modelA: 'x', modelB: 'y', winner: 'a', covariates: { v } });
      expect(store.size).toBe(capacity);
      for (const v of store.columns().covariates) kept[v]++;
    }
    // Each vote is kept with probability 1/2: binomial sd sqrt(4000 / 4) ~ 32.
    for (const k of kept) expect(Math.abs(k - trials / 2)).toBeLessThan(5 * Math.sqrt(trials / 4));
  });
});
