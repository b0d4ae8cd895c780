import { BMP_EMOJI, BMP_PICTOGRAPH, CHAR_CLASS, CharClass } from '../text/char-class';

/** The prose counters a punctuation or symbol character can move. */
export interface ProseCounters {
  exclamations: number;
  questions: number;
  emoji: number;
  smileys: number;
  jokeyEmoticons: number;
  mathOperators: number;
}

// Module-local aliases (imports compile to getters under tsx).
const CLASS = CHAR_CLASS;
const EMOJI = BMP_EMOJI;
const PICTOGRAPH = BMP_PICTOGRAPH;
const LETTER: number = CharClass.Letter;
const DIGIT: number = CharClass.Digit;
const SPACE: number = CharClass.Space;
const NEWLINE: number = CharClass.Newline;

const ZWJ = 0x200d;
const VS16 = 0xfe0f;

/**
 * Counts what the prose punctuation/symbol character c at i says; returns true when it ends a sentence
 * (phrases do not match across sentences). Runs of ! or ? count once ("Wow!!!" is one exclamation);
 * "!=" and markdown images "![" are not exclamations.
 */
export function readSymbol(counters: ProseCounters, text: string, i: number, c: number, previous: number): boolean {
  switch (c) {
    case 0x21: // !
    case 0xff01: {
      const next = text.charCodeAt(i + 1);
      if (previous !== c && next !== 0x3d && next !== 0x5b) counters.exclamations++;
      return true;
    }
    case 0x3f: // ?
    case 0xff1f:
      if (previous !== c) counters.questions++;
      return true;
    case 0x3a: // :
    case 0x3b: // ;
      readEmoticon(counters, text, i, c);
      return true;
    case 0x2e: // .
    case 0x3002: // 。
      return true;
    case 0x2b: // +
    case 0x2a: // *
    case 0x5e: // ^
    case 0x3d: // =
    case 0xd7: // ×
    case 0xf7: // ÷
      if (digitNear(text, i - 1, -1) || digitNear(text, i + 1, 1)) counters.mathOperators++;
      return false;
    default:
      if ((EMOJI[c] === 1 || (PICTOGRAPH[c] === 1 && text.charCodeAt(i + 1) === VS16)) && previous !== ZWJ) counters.emoji++;
      return false;
  }
}

/** A digit at `at`, or one space then a digit further in direction `step`. */
function digitNear(text: string, at: number, step: number): boolean {
  let c = text.charCodeAt(at);
  if (c === 0x20) c = text.charCodeAt(at + step);
  return c >= 0x30 && c <= 0x39;
}

/** :) :-) :( :-(  count as smileys; ;) ;-) :P :p :D :-D ;P as jokey. Must stand alone (space or start before, no letter/digit after). */
function readEmoticon(counters: ProseCounters, text: string, i: number, c: number): void {
  if (i > 0 && !isBlank(text.charCodeAt(i - 1))) return;
  let j = i + 1;
  if (text.charCodeAt(j) === 0x2d) j++;
  const mouth = text.charCodeAt(j);
  const after = text.charCodeAt(j + 1);
  if (!(j + 1 >= text.length || !isWordChar(after))) return;
  if (c === 0x3a && (mouth === 0x29 || mouth === 0x28)) counters.smileys++;
  else if ((c === 0x3b && (mouth === 0x29 || mouth === 0x50)) || (c === 0x3a && (mouth === 0x50 || mouth === 0x70 || mouth === 0x44))) counters.jokeyEmoticons++;
}

function isBlank(c: number): boolean {
  const k = CLASS[c];
  return k === SPACE || k === NEWLINE;
}

function isWordChar(c: number): boolean {
  const k = CLASS[c];
  return k === LETTER || k === DIGIT;
}
