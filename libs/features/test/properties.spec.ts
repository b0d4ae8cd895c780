import fc from 'fast-check';
import { estimateTokens, responseFeatures } from '../src';

// Text made of pieces that exercise every counter: markdown markers, emoji, punctuation, lexicon words, URLs, CJK.
const piece = fc.constantFrom(
  '# ', '## ', '- ', '1. ', '**', '__', '```', '`', '\n', '\n\n', ' ', '  ', '!', '?', '.', ':', ';', ')', '(', "'", '’',
  'sorry', 'great question', 'as an ai', 'I think', 'lol', 'haha', 'yeah', 'the', 'und', 'https://x.org/a', 'www.b.com',
  '😂', '👍🏽', '👨‍👩‍👧', '🇫🇷', '❤️', '\u200d', '你好', 'Привет', '42', '3.14', '+', '=', 'x',
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
/** Text without backticks: a fence opened in one part would swallow the other. */
const fenceless = text.map((t) => t.replace(/`/g, ''));

const COUNTS = ['header_count', 'list_count', 'bold_count', 'code_block_count', 'emoji_count', 'exclamation_count', 'question_count', 'url_count', 'apology_count', 'ai_disclaimer_count', 'hedge_count', 'flattery_count', 'informality_count', 'humour_count'];

describe('properties of the features', () => {
  it('every numeric feature is finite and >= 0, flags are 0 or 1, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (t) => {
        const { numeric } = responseFeatures(t, t);
        for (const value of Object.values(numeric)) {
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }
        for (const flag of ['sycophantic_opener', 'is_latin_script', 'is_cjk_script', 'is_english', 'language_mismatch']) expect([0, 1]).toContain(numeric[flag]);
      }),
      { numRuns: 300 },
    );
  });

  it('counts of a + blank line + b are the sum, up to one item the joint creates ("-" at the end of a gets white space after it)', () => {
    fc.assert(
      fc.property(fenceless, fenceless, (a, b) => {
        const fa = responseFeatures(a).numeric;
        const fb = responseFeatures(b).numeric;
        const fab = responseFeatures(`${a}\n\n${b}`).numeric;
        for (const name of COUNTS) {
          const sum = fa[name] + fb[name];
          expect([name, fab[name] >= sum && fab[name] <= sum + 1]).toEqual([name, true]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('token estimate is additive within 3 over a blank-line joint', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const joint = estimateTokens(`${a}\n\n${b}`);
        expect(Math.abs(joint - estimateTokens(a) - estimateTokens(b))).toBeLessThanOrEqual(3);
      }),
      { numRuns: 300 },
    );
  });

  it('token estimate grows with the text: a prefix never has more tokens than the whole (within rounding)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(estimateTokens(a)).toBeLessThanOrEqual(estimateTokens(a + ' ' + b) + 2);
      }),
      { numRuns: 200 },
    );
  });
});
