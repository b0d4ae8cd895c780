import fc from 'fast-check';
import { contentWords, stem } from './content-words';

/** The plain regex definition the scanner must agree with (a lone word the scanner drops is a stopword). */
function referenceWords(text: string, maxChars = 2000): string[] {
  const words = text.slice(0, maxChars).replace(/[’‘`]/g, "'").matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu);
  const seen = new Set<string>();
  for (const m of words) {
    const word = m[0].replace(/'/g, '').toLowerCase();
    if (contentWords(word).length === 0) continue;
    seen.add(stem(word));
  }
  return [...seen];
}

describe('contentWords', () => {
  it('agrees with the regex definition on random text (letters, digits, apostrophes, accents, punctuation)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', 'é', 'Ö', '7', "'", '’', '`', ' ', '.', '-', 'x', 'the', 'list', 'don', 't', 'ß'), maxLength: 80 });
    fc.assert(fc.property(text, (t) => expect(contentWords(t)).toEqual(referenceWords(t))), { numRuns: 2000, seed: 4 });
  });

  it('drops function words, joins apostrophes, stems', () => {
    expect(contentWords("I don't know how the lists are sorted")).toEqual(['dont', 'list', 'sort']);
  });
});
