import { levenshtein } from './banded-levenshtein';
import { editSketch, estimateNormalizedEditDistance } from './edit-sketch';
import { packHashes, unpackHashes } from './packed-hashes';

/**
 * What the engine keeps of a text it may later need an edit distance to: the text itself when it is at
 * most `exactMaxChars` long (then it is about as small as a sketch), otherwise its packed edit sketch.
 * The text's length says which of the two a reference holds.
 */
export function editReference(text: string, exactMaxChars: number): string {
  return text.length <= exactMaxChars ? text : packHashes(editSketch(text).grams);
}

/**
 * Normalised edit distance (Levenshtein / longer length, in [0, 1]) between two referenced texts:
 * exact when both are at most `exactMaxChars` long, else estimated from sketches. Which path is taken
 * depends only on the two lengths, never on arrival order.
 */
export function editDistanceBetween(a: string, aLength: number, b: string, bLength: number, exactMaxChars: number): number {
  const longest = Math.max(aLength, bLength);
  if (longest === 0) return 0;
  if (longest <= exactMaxChars) return levenshtein(a, b) / longest;
  const sketchOf = (ref: string, length: number) => (length <= exactMaxChars ? editSketch(ref) : { length, grams: unpackHashes(ref) });
  return estimateNormalizedEditDistance(sketchOf(a, aLength), sketchOf(b, bLength));
}
