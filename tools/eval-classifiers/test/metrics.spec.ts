import fc from 'fast-check';
import { classificationReport, groupRecall, rocAuc } from '../src/metrics';

describe('classificationReport', () => {
  it('matches a confusion worked out by hand', () => {
    // gold a a a b b c ; predicted a b a b c c
    const r = classificationReport(['a', 'b', 'c'], ['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'b', 'a', 'b', 'c', 'c']);
    expect(r.perClass['a']).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(r.perClass['b']).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.perClass['c']!.f1).toBeCloseTo(2 / 3, 12);
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    expect(r.accuracy).toBeCloseTo(4 / 6, 12);
    expect(r.confusion['a']).toEqual({ a: 2, b: 1, c: 0 });
  });

  it('gives a class that is never predicted (string matching and partial refusals) F1 0', () => {
    const r = classificationReport(['x', 'y'], ['x', 'y', 'y'], ['x', 'x', 'x']);
    expect(r.perClass['y']).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
  });

  it('groupRecall merges classes', () => {
    expect(groupRecall(new Set(['full', 'partial']), ['full', 'partial', 'none', 'partial'], ['partial', 'none', 'full', 'full'])).toBeCloseTo(2 / 3, 12);
  });
});

describe('rocAuc', () => {
  it('equals the share of (positive, negative) pairs ranked correctly, ties half', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 60 }), (pairs) => {
        const pos = pairs.filter(([, p]) => p).map(([s]) => s);
        const neg = pairs.filter(([, p]) => !p).map(([s]) => s);
        fc.pre(pos.length > 0 && neg.length > 0);
        let wins = 0;
        for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
        expect(rocAuc(pairs.map(([s]) => s), pairs.map(([, p]) => p))).toBeCloseTo(wins / (pos.length * neg.length), 12);
      }),
    );
  });
});
