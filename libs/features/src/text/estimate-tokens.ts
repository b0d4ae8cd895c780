import { PhraseMatcher } from '../lexicon/phrase-matcher';
import { scanText } from '../scan/text-scan';

const NO_LEXICONS = new PhraseMatcher([]);

/**
 * Approximate o200k_base token count of a text (what the arena's token_len measures with tiktoken),
 * from a word / punctuation / white-space split and per-run mean costs; see docs/features.md for its
 * error on real responses.
 */
export function estimateTokens(text: string): number {
  return Math.round(scanText(text, NO_LEXICONS).tokens);
}
