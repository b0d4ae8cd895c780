/**
 * Per-UTF-16-code-unit lookup tables, built once at load from Unicode property regexes (about 30 ms),
 * so the scanner classifies a character with one array read instead of a regex per character.
 */

/**
 * What a code unit is to the tokenizer and the scanner. A plain object rather than a const enum:
 * under isolatedModules const enums are not inlined across files, and hot loops alias these values
 * into module-local constants anyway (see text-scan.ts).
 */
export const CharClass = {
  Punct: 0,
  /** Letters and marks of space-delimited scripts (Latin, Cyrillic, Greek, Arabic, ...). */
  Letter: 1,
  Digit: 2,
  /** Horizontal white space (space, tab, no-break space, ...). */
  Space: 3,
  Newline: 4,
  /** Characters of scripts written without spaces, tokenized per character (Han, kana, Hangul, Thai). */
  Ideograph: 5,
  /** First half of a surrogate pair: the scanner decodes the code point. */
  HighSurrogate: 6,
  /** ' and ’ : part of a word between letters (don't), punctuation elsewhere. */
  Apostrophe: 7,
  /** Emoji glue: zero-width joiner, variation selectors, combining keycap. */
  EmojiPart: 8,
} as const;

/** Writing systems the script features report. `Other` = a letter of any other script. */
export const SCRIPTS = ['latin', 'cyrillic', 'greek', 'arabic', 'hebrew', 'devanagari', 'thai', 'han', 'kana', 'hangul', 'other'] as const;
export type Script = (typeof SCRIPTS)[number];
export const SCRIPT_INDEX: Readonly<Record<Script, number>> = Object.fromEntries(SCRIPTS.map((s, i) => [s, i])) as Record<Script, number>;

const SCRIPT_PATTERNS: ReadonlyArray<[Script, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['thai', /\p{Script=Thai}/u],
  ['han', /\p{Script=Han}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
];
const SPACELESS = new Set<Script>(['thai', 'han', 'kana', 'hangul']);

/** CharClass of every code unit. */
export const CHAR_CLASS = new Uint8Array(65536);
/** 1 + index in SCRIPTS of every letter code unit (0 = not a letter). */
export const CHAR_SCRIPT = new Uint8Array(65536);
/** Lower-case fold of every code unit (itself when it has no single-unit lower case). */
export const LOWER = new Uint16Array(65536);
/** BMP code units that display as emoji by default (Emoji_Presentation). */
export const BMP_EMOJI = new Uint8Array(65536);
/** BMP pictographs that are emoji when followed by U+FE0F (Extended_Pictographic without default presentation). */
export const BMP_PICTOGRAPH = new Uint8Array(65536);

function buildTables(): void {
  const letter = /[\p{L}\p{M}]/u;
  const mark = /\p{M}/u;
  const digit = /\p{Nd}/u;
  const space = /\s/u;
  const emojiPresentation = /\p{Emoji_Presentation}/u;
  const pictographic = /\p{Extended_Pictographic}/u;
  for (let c = 0; c < 65536; c++) {
    LOWER[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) {
      CHAR_CLASS[c] = c <= 0xdbff ? CharClass.HighSurrogate : CharClass.Punct;
      continue;
    }
    const s = String.fromCharCode(c);
    const lower = s.toLowerCase();
    if (lower.length === 1) LOWER[c] = lower.charCodeAt(0);
    if (emojiPresentation.test(s)) BMP_EMOJI[c] = 1;
    else if (pictographic.test(s)) BMP_PICTOGRAPH[c] = 1;
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) CHAR_CLASS[c] = CharClass.Newline;
    else if (space.test(s)) CHAR_CLASS[c] = CharClass.Space;
    else if (c === 0x27 || c === 0x2019) CHAR_CLASS[c] = CharClass.Apostrophe;
    else if (c === 0x200d || c === 0x20e3 || (c >= 0xfe00 && c <= 0xfe0f)) CHAR_CLASS[c] = CharClass.EmojiPart;
    else if (digit.test(s)) CHAR_CLASS[c] = CharClass.Digit;
    else if (letter.test(s)) {
      let script: Script = 'other';
      for (const [name, pattern] of SCRIPT_PATTERNS) {
        if (pattern.test(s)) {
          script = name;
          break;
        }
      }
      // Marks (accents written as separate code units) belong to no script of their own.
      if (!mark.test(s)) CHAR_SCRIPT[c] = SCRIPT_INDEX[script] + 1;
      CHAR_CLASS[c] = SPACELESS.has(script) ? CharClass.Ideograph : CharClass.Letter;
    } else CHAR_CLASS[c] = CharClass.Punct;
  }
  // Prolonged sound mark and iteration marks: written inside kana words.
  CHAR_CLASS[0x30fc] = CharClass.Ideograph;
  CHAR_SCRIPT[0x30fc] = SCRIPT_INDEX.kana + 1;
}
buildTables();

const ASTRAL_PICTOGRAPH = new Uint8Array(0x1fb00 - 0x1f000);
{
  const pictographic = /\p{Extended_Pictographic}/u;
  for (let cp = 0x1f000; cp < 0x1fb00; cp++) if (pictographic.test(String.fromCodePoint(cp))) ASTRAL_PICTOGRAPH[cp - 0x1f000] = 1;
}

/** Astral emoji: the pictograph blocks, less the skin-tone modifiers (they modify, they do not add). */
export const isAstralEmoji = (cp: number): boolean =>
  cp >= 0x1f000 && cp <= 0x1faff && !(cp >= 0x1f3fb && cp <= 0x1f3ff) && !(cp >= 0x1f1e6 && cp <= 0x1f1ff) && ASTRAL_PICTOGRAPH[cp - 0x1f000] === 1;
