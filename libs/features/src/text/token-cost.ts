import { SCRIPTS, type Script } from './char-class';

/**
 * Expected BPE tokens per run of characters, calibrated against o200k_base (the tokenizer behind the
 * arena's token_len) by libs/features/scripts/calibrate-tokenizer.ts; docs/features.md has the error.
 * A run is what o200k's pre-tokenizer would also cut there (a word, a digit group, a punctuation run,
 * white space); the costs are means over real text, so the sum is an estimate, not a count.
 */

/** Mean tokens of a Latin-script word of each length (index = letters; the last entry also covers longer words per LATIN_WORD_EXTRA_PER_CHAR). */
export const LATIN_WORD_COST = Float64Array.from([0, 1, 1, 1.01, 1.02, 1.04, 1.08, 1.06, 1.09, 1.09, 1.15, 1.14, 1.15, 1.26, 1.23, 1.61, 2.21]);
export const LATIN_WORD_EXTRA_PER_CHAR = 0.25;
/** Mean tokens of a run of punctuation/symbols of each length (last entry + PUNCT_EXTRA_PER_CHAR beyond). */
export const PUNCT_RUN_COST = Float64Array.from([0, 1, 1.01, 1.08, 1.29, 1.45, 1.67]);
export const PUNCT_EXTRA_PER_CHAR = 0.2;
/** Extra tokens of one punctuation character glued to the word after it (".add" is often one token, "(baz" two). */
export const PUNCT_JOINED_COST = 0.4;
/**
 * Tokens per letter of scripts other than Latin (words of space-delimited scripts are costed per
 * letter, not per word). Fitted on the hand-written samples in scripts/script-samples.ts.
 */
export const SCRIPT_LETTER_COST: Readonly<Record<Exclude<Script, 'latin'>, number>> = {
  cyrillic: 0.26,
  greek: 0.4,
  arabic: 0.3,
  hebrew: 0.35,
  devanagari: 0.35,
  thai: 0.37,
  han: 0.6,
  kana: 0.75,
  hangul: 0.7,
  other: 0.5,
};
/** The same, indexed by CHAR_SCRIPT values (1 + index in SCRIPTS); Latin and marks (0) get the generic rate. */
export const LETTER_COST_BY_SCRIPT = Float64Array.from([SCRIPT_LETTER_COST.other, SCRIPT_LETTER_COST.other, ...SCRIPTS.slice(1).map((s) => SCRIPT_LETTER_COST[s as Exclude<Script, 'latin'>])]);
/** Tokens per emoji code point and per joiner / variation selector. */
export const EMOJI_COST = 1.5;
export const EMOJI_PART_COST = 1;
/** A run of two or more spaces or tabs (indentation): one token; a single space rides on the next word. */
export const SPACE_RUN_COST = 1;
/** A run of line breaks. */
export const NEWLINE_RUN_COST = 1;
/** Other astral characters (math letters, rare symbols): UTF-8 bytes, about two tokens. */
export const ASTRAL_OTHER_COST = 2;

export function punctRunCost(length: number): number {
  const last = PUNCT_RUN_COST.length - 1;
  return length <= last ? PUNCT_RUN_COST[length] : PUNCT_RUN_COST[last] + (length - last) * PUNCT_EXTRA_PER_CHAR;
}
