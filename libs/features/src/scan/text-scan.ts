import type { PhraseMatcher } from '../lexicon/phrase-matcher';
import type { Lexicon } from '../lexicon/lexicon';
import { arenaMarkdownCounts, type ArenaMarkdownCounts } from '../text/arena-markdown';
import { CHAR_CLASS, CHAR_SCRIPT, CharClass, LOWER, SCRIPTS, SCRIPT_INDEX, isAstralEmoji, type Script } from '../text/char-class';
import { findFences } from '../text/fences';
import { FNV_OFFSET, FNV_PRIME, MAX_WORD_CHARS } from '../lexicon/phrase-matcher';
import {
  ASTRAL_OTHER_COST, EMOJI_COST, EMOJI_PART_COST, LATIN_WORD_COST, LATIN_WORD_EXTRA_PER_CHAR, LETTER_COST_BY_SCRIPT, NEWLINE_RUN_COST,
  PUNCT_JOINED_COST, SPACE_RUN_COST, punctRunCost,
} from '../text/token-cost';
import { readSymbol, type ProseCounters } from './read-symbol';
import { urlEnd } from './url';

/**
 * Everything the features read from one text, gathered in a single left-to-right pass (plus
 * indexOf-driven passes for fences, line starts and bold markers). "Prose" is the text outside fenced
 * code, inline code spans and URLs: counts of punctuation, emoji, words, scripts and phrases are taken
 * there only, tokens everywhere.
 */
export class TextScan implements ProseCounters {
  /** Estimated BPE tokens (fractional: a sum of expected costs; features round it). */
  tokens = 0;
  /** Words (letter runs) in prose. */
  words = 0;
  exclamations = 0;
  questions = 0;
  emoji = 0;
  laughingEmoji = 0;
  urls = 0;
  /** :) :-) :( */
  smileys = 0;
  /** ;) :P :D and variants */
  jokeyEmoticons = 0;
  inlineCodeSpans = 0;
  /** + * ^ = × ÷ next to a digit. */
  mathOperators = 0;
  /** Prose letters per script; index = 1 + index in SCRIPTS (0 = marks, not counted). */
  readonly letters = new Int32Array(SCRIPTS.length + 1);

  constructor(
    readonly text: string,
    private readonly matcher: PhraseMatcher,
    readonly markdown: ArenaMarkdownCounts,
    readonly lexiconCounts: Int32Array,
  ) {}

  get chars(): number {
    return this.text.length;
  }

  /** Occurrences of the lexicon's phrases in prose. */
  count(lexicon: Lexicon): number {
    return this.lexiconCounts[this.matcher.slotOf(lexicon)];
  }

  lettersOf(script: Script): number {
    return this.letters[SCRIPT_INDEX[script] + 1];
  }

  private dominant = -1;
  /** Cache for features/language-guess.ts (the guess reads lexicon counts, so it is not the scanner's to make). */
  languageGuess: string | undefined = undefined;

  /**
   * Index in SCRIPTS of the script with the most prose letters (-1: no letters). Han and kana count
   * together, reported as kana (Japanese) when kana are at least a tenth of them. Computed once.
   */
  dominantScriptIndex(): number {
    if (this.dominant === -1) this.dominant = dominantOf(this.letters) + 1;
    return this.dominant - 1;
  }
}

const HAN_SLOT = SCRIPT_INDEX.han + 1;
const KANA_SLOT = SCRIPT_INDEX.kana + 1;

function dominantOf(letters: Int32Array): number {
  const han = letters[HAN_SLOT];
  const kana = letters[KANA_SLOT];
  let best = -1;
  let bestCount = 0;
  for (let slot = 1; slot < letters.length; slot++) {
    const count = slot === HAN_SLOT || slot === KANA_SLOT ? han + kana : letters[slot];
    if (count > bestCount) {
      bestCount = count;
      best = slot === HAN_SLOT || slot === KANA_SLOT ? (kana * 10 >= han + kana ? KANA_SLOT : HAN_SLOT) : slot;
    }
  }
  return best - 1;
}

// Module-local aliases of imported bindings: tsx (esbuild) compiles imports to getters, which would
// cost a function call per character in the loops below.
const CLASS = CHAR_CLASS;
const SCRIPT_OF = CHAR_SCRIPT;
const LOWER_OF = LOWER;
const LETTER: number = CharClass.Letter;
const DIGIT: number = CharClass.Digit;
const PUNCT: number = CharClass.Punct;
const SPACE: number = CharClass.Space;
const NEWLINE: number = CharClass.Newline;
const IDEOGRAPH: number = CharClass.Ideograph;
const HIGH_SURROGATE: number = CharClass.HighSurrogate;
const APOSTROPHE: number = CharClass.Apostrophe;
const LATIN = SCRIPT_INDEX.latin + 1;
const HAN = SCRIPT_INDEX.han + 1;
const OFFSET = FNV_OFFSET;
const PRIME = FNV_PRIME;
const MAX_CHARS = MAX_WORD_CHARS;
const LETTER_COST = LETTER_COST_BY_SCRIPT;
const WORD_COST = LATIN_WORD_COST;
const WORD_COST_LAST = LATIN_WORD_COST.length - 1;
const WORD_EXTRA = LATIN_WORD_EXTRA_PER_CHAR;
const JOINED = PUNCT_JOINED_COST;
const SPACES = SPACE_RUN_COST;
const NEWLINES = NEWLINE_RUN_COST;
const EMOJI_CP = EMOJI_COST;
const EMOJI_GLUE = EMOJI_PART_COST;
const ASTRAL = ASTRAL_OTHER_COST;
const punctCost = punctRunCost;
const symbol = readSymbol;
const urlAt = urlEnd;
const isEmoji = isAstralEmoji;

const KEYCAP = 0x20e3;
const BACKTICK = 0x60;
const ZWJ = 0x200d;
const QUOTE = 0x27;
/** Pseudo-classes for astral code points, after the CharClass values. */
const EMOJI_CLASS = 9;
const ASTRAL_CLASS = 10;
/** Laughing, winking and tongue-out faces: 😂 🤣 😆 😹 😜 😝 😛 😉 */
const LAUGHING = new Set([0x1f602, 0x1f923, 0x1f606, 0x1f639, 0x1f61c, 0x1f61d, 0x1f61b, 0x1f609]);

/**
 * One pass, one run of characters at a time: a word (letters with inner apostrophes), digits, white
 * space, line breaks, punctuation, or a single astral code point. Each run adds its expected token
 * cost given the runs around it (text/token-cost.ts); prose runs also feed the counters.
 */
export function scanText(text: string, matcher: PhraseMatcher): TextScan {
  const n = text.length;
  const fences = findFences(text);
  const counts = new Int32Array(matcher.lexicons.length);
  const phrases = matcher.begin(counts);
  const scan = new TextScan(text, matcher, arenaMarkdownCounts(text, fences), counts);
  const letters = scan.letters;
  let fenceAt = 0;
  let nextFence = fences.length > 0 ? fences[0] : -1;
  let quietUntil = 0; // end of the current non-prose region (fence, inline code, URL)
  let lineEnd = -1;
  let tokens = 0;
  let before = -1; // class of the previous run
  let previous = 0; // previous code point
  let regionalOpen = false;
  let words = 0;
  let latinLetters = 0;
  let i = 0;

  while (i < n) {
    let c = text.charCodeAt(i);
    let cls: number = CLASS[c];
    const start = i;
    if (cls === LETTER) {
      if (i >= quietUntil && (c === 0x68 || c === 0x77)) {
        const end = urlAt(text, i);
        if (end > i) {
          scan.urls++;
          quietUntil = end;
        }
      }
      const prose = i >= quietUntil;
      let h = OFFSET;
      let nonLatin = 0;
      let otherLetters = 0; // letters of other scripts and marks
      let script = 0;
      for (;;) {
        if (c < 0x80) h = Math.imul(h ^ (c | 0x20), PRIME); // ASCII letter: | 0x20 is its lower case
        else {
          h = Math.imul(h ^ LOWER_OF[c], PRIME);
          const s = SCRIPT_OF[c];
          if (s !== LATIN) {
            if (s !== 0 && nonLatin++ === 0) script = s;
            if (prose) letters[s]++;
            otherLetters++;
          }
        }
        if (++i >= n) break;
        c = text.charCodeAt(i);
        if (((c | 0x20) - 0x61) >>> 0 < 26) continue; // an ASCII letter, without the table read
        cls = CLASS[c];
        if (cls === LETTER) continue;
        if (cls === APOSTROPHE && i + 1 < n && CLASS[text.charCodeAt(i + 1)] === LETTER) {
          h = Math.imul(h ^ QUOTE, PRIME);
          c = text.charCodeAt(++i);
          continue;
        }
        break;
      }
      const length = i - start;
      tokens += nonLatin > 0 ? length * LETTER_COST[script] : length <= WORD_COST_LAST ? WORD_COST[length] : WORD_COST[WORD_COST_LAST] + (length - WORD_COST_LAST) * WORD_EXTRA;
      if (prose) {
        latinLetters += length - otherLetters; // inner apostrophes count as Latin: negligible for dominance
        words++;
        if (length <= MAX_CHARS) {
          const id = matcher.lookup(text, start, i, h);
          if (id >= 0) phrases.push(id, words - 1);
        }
      }
      before = LETTER;
      // One space then another word, the commonest gap: costs nothing (it rides on the word), skip it here.
      if (c === 0x20 && i + 1 < n && CLASS[text.charCodeAt(i + 1)] === LETTER) {
        previous = 0x20;
        i++;
        before = SPACE;
        continue;
      }
    } else if (cls === SPACE || cls === DIGIT || cls === NEWLINE) {
      while (++i < n && CLASS[text.charCodeAt(i)] === cls);
      const length = i - start;
      const after = i < n ? CLASS[text.charCodeAt(i)] : -1;
      if (cls === SPACE) tokens += after === NEWLINE ? 0 : length === 1 ? (after === DIGIT ? 1 : 0) : SPACES;
      else if (cls === DIGIT) tokens += Math.ceil(length / 3);
      else {
        tokens += before === PUNCT ? 0 : NEWLINES;
        phrases.endSentence(words);
      }
      before = cls;
    } else if (cls === PUNCT || cls === APOSTROPHE) {
      do {
        if (i === nextFence) {
          quietUntil = Math.max(quietUntil, fences[fenceAt + 1]);
          fenceAt += 2;
          nextFence = fenceAt < fences.length ? fences[fenceAt] : -1;
          phrases.endSentence(words);
        }
        if (i >= quietUntil) {
          if (c === BACKTICK) {
            if (lineEnd < i) {
              lineEnd = text.indexOf('\n', i);
              if (lineEnd < 0) lineEnd = n;
            }
            const close = text.indexOf('`', i + 1);
            if (close > i + 1 && close < lineEnd && (nextFence < 0 || close < nextFence)) {
              scan.inlineCodeSpans++;
              quietUntil = close + 1;
            }
          } else if (symbol(scan, text, i, c, previous)) phrases.endSentence(words);
        }
        previous = c;
        if (++i >= n) break;
        c = text.charCodeAt(i);
        cls = CLASS[c];
      } while (cls === PUNCT || cls === APOSTROPHE);
      const length = i - start;
      const after = i < n ? cls : -1;
      tokens += length === 1 && after === LETTER && before !== SPACE ? JOINED : punctCost(length);
      before = PUNCT;
    } else if (cls === HIGH_SURROGATE) {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        const regional = cp >= 0x1f1e6 && cp <= 0x1f1ff;
        const prose = i >= quietUntil;
        if (regional || isEmoji(cp)) {
          tokens += EMOJI_CP;
          if (prose && regional) {
            if (!regionalOpen) scan.emoji++;
            regionalOpen = !regionalOpen;
          } else if (prose && previous !== ZWJ) {
            scan.emoji++;
            if (LAUGHING.has(cp)) scan.laughingEmoji++;
          }
          before = EMOJI_CLASS;
        } else if (cp >= 0x20000 && cp <= 0x3ffff) {
          tokens += LETTER_COST[HAN];
          if (prose) letters[HAN]++;
          before = IDEOGRAPH;
        } else {
          tokens += ASTRAL;
          before = ASTRAL_CLASS;
        }
        if (!regional) regionalOpen = false;
        previous = cp;
        i += 2;
        continue;
      }
      tokens += punctCost(1); // a lone surrogate
      before = PUNCT;
      i++;
    } else if (cls === IDEOGRAPH) {
      const prose = i >= quietUntil;
      do {
        const s = SCRIPT_OF[c];
        tokens += LETTER_COST[s];
        if (prose) letters[s]++;
        if (++i >= n) break;
        c = text.charCodeAt(i);
      } while (CLASS[c] === IDEOGRAPH);
      before = IDEOGRAPH;
    } else {
      // Emoji glue: joiner, variation selector, keycap.
      tokens += EMOJI_GLUE;
      if (c === KEYCAP && i >= quietUntil) scan.emoji++;
      before = cls;
      i++;
    }
    previous = text.charCodeAt(i - 1);
    regionalOpen = false;
  }
  scan.tokens = tokens;
  scan.words = words;
  letters[LATIN] += latinLetters;
  return scan;
}
