import { bottomK, BottomKCollector, jaccardEstimate, type BottomKSketch } from './bottom-k-sketch';
import { fmix32 } from './hash';

/**
 * A fixed-size summary of a long text from which its normalised edit distance to another text can be
 * estimated without keeping either text: the text's length and a bottom-k sketch of its character
 * q-grams, counted as a multiset (the 3rd "the " is a different element from the 1st), so the sketch
 * sees exactly n - q + 1 elements and sizes are known exactly.
 */
export interface EditSketch {
  /** Text length in UTF-16 code units. */
  length: number;
  grams: BottomKSketch;
}

export const EDIT_SKETCH_Q = 4;
export const EDIT_SKETCH_K = 64;
const BASE = 0x01000193;
const imul = Math.imul; // a module-local alias keeps the per-character loop free of global lookups
const BASE_POW_Q1 = imul(imul(BASE, BASE), BASE); // BASE^(q-1) for q = 4

export function editSketch(text: string): EditSketch {
  const q = EDIT_SKETCH_Q;
  if (text.length < q) return { length: text.length, grams: text.length === 0 ? [] : bottomK([fmix32(polyHash(text))], EDIT_SKETCH_K) };
  const collector = new BottomKCollector(EDIT_SKETCH_K);
  const occurrences = new Map<number, number>();
  let h = polyHash(text.slice(0, q));
  for (let i = 0; ; i++) {
    const seen = occurrences.get(h) ?? 0;
    occurrences.set(h, seen + 1);
    collector.add(fmix32(h ^ imul(seen + 1, 0x9e3779b1)));
    if (i + q >= text.length) break;
    // Rolling polynomial hash: drop text[i], append text[i + q].
    h = (imul(h - imul(text.charCodeAt(i), BASE_POW_Q1), BASE) + text.charCodeAt(i + q)) | 0;
  }
  return { length: text.length, grams: collector.sketch() };
}

function polyHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (imul(h, BASE) + s.charCodeAt(i)) | 0;
  return h;
}

const gramCount = (length: number) => (length === 0 ? 0 : Math.max(1, length - EDIT_SKETCH_Q + 1));

/**
 * Estimated Levenshtein distance / max(length). Model: the edit is D = |n - m| net inserted or deleted
 * characters plus S substituted ones, in one contiguous region. Such an edit changes about
 * D + 2S + 2(q - 1) gram-multiset elements, so with Delta = |A xor B| from the Jaccard estimate,
 * distance ~ max(D, (Delta + D) / 2 - (q - 1)). Exact in expectation for one contiguous change;
 * overestimates scattered one-character edits (up to q times each) - see docs/signals.md for measured error.
 */
export function estimateNormalizedEditDistance(a: EditSketch, b: EditSketch): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  const sizeA = gramCount(a.length);
  const sizeB = gramCount(b.length);
  const jaccard = jaccardEstimate(a.grams, b.grams, EDIT_SKETCH_K);
  const shared = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  const delta = sizeA + sizeB - 2 * shared;
  const net = Math.abs(a.length - b.length);
  const distance = delta === 0 ? net : Math.max(net, (delta + net) / 2 - (EDIT_SKETCH_Q - 1), 1);
  return Math.min(1, distance / longest);
}
