import { FEATURES, defineLexicon } from '../src';
import { PhraseMatcher } from '../src/lexicon/phrase-matcher';
import { scanText } from '../src/scan/text-scan';

const lexicons = [...new Set(FEATURES.flatMap((f) => f.lexicons ?? []))];

describe('registered lexicons', () => {
  it('no phrase contains another phrase of the same lexicon (one occurrence would count twice)', () => {
    const overlaps: string[] = [];
    for (const lexicon of lexicons) {
      for (const a of lexicon.phrases) {
        for (const b of lexicon.phrases) {
          const at = ` ${a} `.indexOf(` ${b} `);
          if (a === b || at < 0) continue;
          // Fine when b sits so far into a that it can never start within the lexicon's window while a does.
          const offset = a.slice(0, at).split(' ').filter(Boolean).length;
          if (lexicon.startsWithin !== undefined && offset >= lexicon.startsWithin) continue;
          overlaps.push(`${lexicon.name}: "${a}" contains "${b}"`);
        }
      }
      expect(new Set(lexicon.phrases).size).toBe(lexicon.phrases.length);
    }
    expect(overlaps).toEqual([]);
  });

  it('every phrase matches itself, capitalised, in a sentence', () => {
    const matcher = new PhraseMatcher(lexicons);
    for (const lexicon of lexicons) {
      for (const phrase of lexicon.phrases) {
        const capitalised = phrase.charAt(0).toUpperCase() + phrase.slice(1);
        expect([lexicon.name, phrase, scanText(`${capitalised} here.`, matcher).count(lexicon)]).toEqual([lexicon.name, phrase, 1]);
      }
    }
  });
});

describe('PhraseMatcher', () => {
  it('rejects phrases the scanner cannot read as words', () => {
    expect(() => new PhraseMatcher([defineLexicon('bad', ['c++'])])).toThrow(/c\+\+/);
    expect(() => new PhraseMatcher([defineLexicon('bad', ['Upper'])])).toThrow(/lower case/);
    expect(() => new PhraseMatcher([defineLexicon('bad', ['two  spaces'])])).toThrow(/empty word/);
    expect(() => new PhraseMatcher([defineLexicon('bad', ["'quoted"])])).toThrow(/one word/);
    expect(() => new PhraseMatcher([defineLexicon('bad', ['a b c d e f g h i'])])).toThrow(/more than 8 words/);
  });

  it('counts a lexicon only in the matcher that compiled it', () => {
    const inside = defineLexicon('inside', ['x']);
    const matcher = new PhraseMatcher([inside]);
    expect(() => scanText('x', matcher).count(defineLexicon('outside', ['x']))).toThrow(/not compiled/);
  });

  it('matches every phrase ending at a word, overlapping ones included, and phrases sharing words', () => {
    const lexicon = defineLexicon('l', ['new york', 'york city', 'new york city hall']);
    const matcher = new PhraseMatcher([lexicon]);
    expect(scanText('New York City Hall is in New York.', matcher).count(lexicon)).toBe(4);
  });

  it('agrees with a plain word-by-word reference on random word sequences', () => {
    const words = ['a', 'b', 'c', 'ab'];
    const lexicon = defineLexicon('seq', ['a b', 'b c a', 'c', 'ab a b']);
    const matcher = new PhraseMatcher([lexicon]);
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const sentence = Array.from({ length: 1 + Math.floor(next() * 12) }, () => words[Math.floor(next() * words.length)]);
      let expected = 0;
      for (const phrase of lexicon.phrases) {
        const p = phrase.split(' ');
        for (let i = 0; i + p.length <= sentence.length; i++) if (p.every((w, j) => sentence[i + j] === w)) expected++;
      }
      expect(scanText(sentence.join(' '), matcher).count(lexicon)).toBe(expected);
    }
  });
});
