import type { PrefEvent } from '@prefstream/events';

interface Entry {
  ms: number;
  seq: number;
  event: PrefEvent;
}

/**
 * Events ordered by event time, ties in insertion order (what a stable sort of everything pushed would
 * give), as a binary heap: generators hold hundreds of thousands of planned events, and re-sorting them
 * for every conversation added was quadratic. (The signal engine's DeadlineHeap orders by deadline only;
 * equal times would come out in heap order and change the generated traffic.)
 */
export class EventTimeQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(event: PrefEvent): void {
    const heap = this.heap;
    const entry = { ms: Date.parse(event.ts), seq: this.seq++, event };
    let i = heap.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  /** Removes and returns, oldest first, every event with event time before `ms` (or at it, if `inclusive`). */
  takeUntil(ms: number, inclusive = false): PrefEvent[] {
    const out: PrefEvent[] = [];
    while (this.heap.length > 0 && (this.heap[0].ms < ms || (inclusive && this.heap[0].ms === ms))) out.push(this.pop());
    return out;
  }

  /** Everything, oldest first. */
  drain(): PrefEvent[] {
    return this.takeUntil(Infinity, true);
  }

  private pop(): PrefEvent {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const child = left + 1 < heap.length && before(heap[left + 1], heap[left]) ? left + 1 : left;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top.event;
  }
}

const before = (a: Entry, b: Entry) => a.ms < b.ms || (a.ms === b.ms && a.seq < b.seq);
