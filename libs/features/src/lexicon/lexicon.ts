/**
 * A named list of phrases whose occurrences a feature counts. Phrases are lower-case words separated
 * by single spaces; a word is what the scanner reads as one: letters, with apostrophes inside
 * ("don't"; ’ is read as '). Matching is case-insensitive, on whole words, within one sentence
 * (. ! ? ; : and line breaks end a sentence), outside code and URLs.
 */
export interface Lexicon {
  readonly name: string;
  readonly phrases: readonly string[];
  /** Count a phrase only when its first word is among the first `startsWithin` words of the text. */
  readonly startsWithin?: number;
}

export function defineLexicon(name: string, phrases: readonly string[], options: { startsWithin?: number } = {}): Lexicon {
  return Object.freeze({ name, phrases: Object.freeze([...phrases]), ...(options.startsWithin !== undefined ? { startsWithin: options.startsWithin } : {}) });
}
