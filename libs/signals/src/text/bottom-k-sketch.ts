/**
 * Bottom-k (KMV) sketch of a set of 32-bit hashes: the k smallest distinct values, ascending. Two
 * sketches estimate the Jaccard similarity of their sets; the standard error is about
 * sqrt(J(1-J)/k). A set with at most k members is its own sketch, so small sets compare exactly.
 */
export type BottomKSketch = readonly number[];

/**
 * Offers `hash` to a max-heap `heap[0..size)` of at most `heap.length` smallest distinct values; returns
 * the new size. `distinctInput` promises no value repeats (bar 32-bit hash collisions, which
 * sketchOfHeap drops). Callers on hot paths test `size === heap.length && hash >= heap[0]` inline first: that
 * rejects almost every value of a long stream with one comparison and without a call.
 */
export function offerBottomK(heap: Float64Array, size: number, hash: number, distinctInput = false): number {
  const full = size === heap.length;
  if (full && hash >= heap[0]) return size;
  // The duplicate scan is O(k); a caller whose values are distinct by construction skips it.
  if (!distinctInput) for (let i = 0; i < size; i++) if (heap[i] === hash) return size;
  if (full) {
    heap[0] = hash;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < size && heap[left] > heap[largest]) largest = left;
      if (right < size && heap[right] > heap[largest]) largest = right;
      if (largest === i) return size;
      const t = heap[largest];
      heap[largest] = heap[i];
      heap[i] = t;
      i = largest;
    }
  }
  heap[size] = hash;
  for (let i = size; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (heap[parent] >= heap[i]) break;
    const t = heap[parent];
    heap[parent] = heap[i];
    heap[i] = t;
    i = parent;
  }
  return size + 1;
}

/** The sketch held by a heap filled with offerBottomK (ascending; a 32-bit collision's repeat dropped). */
export function sketchOfHeap(heap: Float64Array, size: number): BottomKSketch {
  const sorted = heap.slice(0, size).sort(); // typed-array sort is numeric
  const out: number[] = [];
  for (let i = 0; i < size; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]);
  return out;
}

export function bottomK(hashes: Iterable<number>, k: number): BottomKSketch {
  const heap = new Float64Array(k);
  let size = 0;
  for (const h of hashes) size = offerBottomK(heap, size, h);
  return sketchOfHeap(heap, size);
}

/**
 * Jaccard estimate from two sketches built with the same k: among the k smallest values of the union
 * of the sketches, the share present in both. Exact when the union of the two sets has at most k members.
 */
export function jaccardEstimate(a: BottomKSketch, b: BottomKSketch, k: number): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let taken = 0;
  let shared = 0;
  while (taken < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i] : Infinity;
    const y = j < b.length ? b[j] : Infinity;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    taken++;
  }
  return shared / taken;
}
