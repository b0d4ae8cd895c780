/**
 * Bottom-k (KMV) sketch of a set of 32-bit hashes: the k smallest distinct values, ascending. Two
 * sketches estimate the Jaccard similarity of their sets; the standard error is about
 * sqrt(J(1-J)/k). A set with at most k members is its own sketch, so small sets compare exactly.
 */
export type BottomKSketch = readonly number[];

/** Collects the k smallest distinct hashes of a stream in O(n log k) with a bounded max-heap. */
export class BottomKCollector {
  private readonly heap: number[] = [];

  constructor(private readonly k: number) {}

  add(hash: number): void {
    const heap = this.heap;
    if (heap.length === this.k) {
      if (hash >= heap[0]) return;
      if (heap.includes(hash)) return;
      heap[0] = hash;
      this.siftDown(0);
      return;
    }
    if (heap.includes(hash)) return;
    heap.push(hash);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (heap[parent] >= heap[i]) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  sketch(): BottomKSketch {
    return [...this.heap].sort((a, b) => a - b);
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && heap[left] > heap[largest]) largest = left;
      if (right < heap.length && heap[right] > heap[largest]) largest = right;
      if (largest === i) return;
      [heap[largest], heap[i]] = [heap[i], heap[largest]];
      i = largest;
    }
  }
}

export function bottomK(hashes: Iterable<number>, k: number): BottomKSketch {
  const collector = new BottomKCollector(k);
  for (const h of hashes) collector.add(h);
  return collector.sketch();
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
