import { bottomK, jaccardEstimate, offerBottomK as importedOffer, sketchOfHeap, type BottomKSketch } from './bottom-k-sketch';
import { fmix32 as importedFmix32 } from './hash';

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

// Module-local constants: exported ones compile to `exports.X` property loads inside the hot loop.
const Q = 4;
const K = 64;
export const EDIT_SKETCH_Q = Q;
export const EDIT_SKETCH_K = K;
const BASE = 0x01000193;
// Module-local aliases keep the per-character loop free of global lookups and of the getter calls that
// CommonJS interop (tsx/esbuild) puts on every access to an imported binding.
const imul = Math.imul;
const fmix32 = importedFmix32;
const offerBottomK = importedOffer;
const BASE_POW_Q1 = imul(imul(BASE, BASE), BASE); // BASE^(q-1) for q = 4

export function editSketch(text: string): EditSketch {
  const q = Q;
  if (text.length < q) return { length: text.length, grams: text.length === 0 ? [] : bottomK([fmix32(polyHash(text))], K) };
  const heap = new Float64Array(K);
  let size = 0;
  const occurrences = new GramCounter(text.length - q + 1);
  let h = polyHash(text.slice(0, q));
  for (let i = 0; ; i++) {
    const element = fmix32(h ^ imul(occurrences.next(h), 0x9e3779b1));
    // Inline rejection: a call per gram would box every hash above 2^31 (measured 5-10x slower).
    // Elements are distinct by construction (gram hash, occurrence number).
    if (size < K || element < heap[0]) size = offerBottomK(heap, size, element, true);
    if (i + q >= text.length) break;
    // Rolling polynomial hash: drop text[i], append text[i + q].
    h = (imul(h - imul(text.charCodeAt(i), BASE_POW_Q1), BASE) + text.charCodeAt(i + q)) | 0;
  }
  return { length: text.length, grams: sketchOfHeap(heap, size) };
}

/**
 * Counts occurrences of gram hashes in an open-addressing table (a Map costs ~10x more per gram here).
 * The typed arrays are reused across calls while texts fit; a generation stamp replaces clearing them.
 */
class GramCounter {
  private static keys = new Int32Array(0);
  private static counts = new Int32Array(0);
  private static stamps = new Int32Array(0);
  private static generation = 0;
  private readonly mask: number;
  private readonly stamp: number;

  constructor(grams: number) {
    let size = 1024;
    while (size < grams * 2) size *= 2;
    if (GramCounter.keys.length < size) {
      GramCounter.keys = new Int32Array(size);
      GramCounter.counts = new Int32Array(size);
      GramCounter.stamps = new Int32Array(size);
      GramCounter.generation = 0;
    }
    this.mask = size - 1;
    this.stamp = GramCounter.generation = (GramCounter.generation % 0x7ffffffe) + 1;
    if (this.stamp === 1) GramCounter.stamps.fill(0);
  }

  /** 1 for the first occurrence of `hash`, 2 for the second, ... */
  next(hash: number): number {
    const { keys, counts, stamps } = GramCounter;
    for (let slot = fmix32(hash) & this.mask; ; slot = (slot + 1) & this.mask) {
      if (stamps[slot] !== this.stamp) {
        stamps[slot] = this.stamp;
        keys[slot] = hash;
        return (counts[slot] = 1);
      }
      if (keys[slot] === hash) return ++counts[slot];
    }
  }
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
