import { bottomK, jaccardEstimate, type BottomKSketch } from './bottom-k-sketch';
import { contentWords } from './content-words';
import { hash32 } from './hash';

/**
 * Rephrase measure: Jaccard similarity of the content-word stems of two prompts, from bottom-k
 * sketches. Why this measure: a reformulation keeps the key nouns and verbs ("reverse", "list",
 * "python") while changing function words, order and inflection; a set of stems ignores exactly those
 * differences. Character n-grams would also reward shared boilerplate ("can you tell me"), and
 * embeddings are not available in a synchronous domain library. With k = 16 the sketch is exact for
 * prompts of up to 16 distinct content words (most follow-ups) and an estimate beyond.
 */
export const PROMPT_SKETCH_K = 16;

/** Hashes of a text's content words; `maxChars` bounds the cost on long texts (see contentWords). */
export const contentWordHashes = (text: string, maxChars?: number): number[] => contentWords(text, maxChars).map((w) => hash32(w));

export const promptSketch = (text: string): BottomKSketch => bottomK(contentWordHashes(text), PROMPT_SKETCH_K);

export const promptSimilarity = (a: BottomKSketch, b: BottomKSketch): number =>
  a.length === 0 || b.length === 0 ? 0 : jaccardEstimate(a, b, PROMPT_SKETCH_K);
