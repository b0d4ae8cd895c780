import fc from 'fast-check';
import { naiveLevenshtein } from '../../test/naive-levenshtein';
import { levenshtein } from './banded-levenshtein';

describe('levenshtein (banded)', () => {
  it('equals the full-matrix distance on random strings, including far-apart ones', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é'), maxLength: 60 });
    fc.assert(fc.property(text, text, (a, b) => levenshtein(a, b) === naiveLevenshtein(a, b)), { numRuns: 2000, seed: 5 });
  });

  it('equals it on small edits of a long text (the band stays narrow)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 120, maxLength: 250 }), fc.nat(), fc.string({ maxLength: 12 }), (base, at, insert) => {
        const i = at % base.length;
        const edited = base.slice(0, i) + insert + base.slice(i + insert.length);
        return levenshtein(base, edited) === naiveLevenshtein(base, edited);
      }),
      { numRuns: 40, seed: 6 },
    );
  });

  it('handles the degenerate cases', () => {
    expect(levenshtein('', '')).toBe(0);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});
