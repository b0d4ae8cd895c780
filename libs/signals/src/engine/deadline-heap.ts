/**
 * Min-heap of (deadline, item, generation) timers with lazy invalidation: rescheduling an item bumps its
 * generation instead of searching the heap, and entries whose generation is stale are skipped on pop.
 * Items are only pushed when their deadline moves earlier (or after they fire), so the heap holds about
 * one entry per open conversation.
 */
export class DeadlineHeap<T> {
  private readonly deadlines: number[] = [];
  private readonly items: T[] = [];
  private readonly generations: number[] = [];

  get size(): number {
    return this.deadlines.length;
  }

  peekDeadline(): number {
    return this.deadlines.length ? this.deadlines[0] : Infinity;
  }

  push(deadline: number, item: T, generation: number): void {
    this.deadlines.push(deadline);
    this.items.push(item);
    this.generations.push(generation);
    let i = this.deadlines.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.deadlines[parent] <= this.deadlines[i]) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { deadline: number; item: T; generation: number } | undefined {
    if (this.deadlines.length === 0) return undefined;
    const top = { deadline: this.deadlines[0], item: this.items[0], generation: this.generations[0] };
    const last = this.deadlines.length - 1;
    this.swap(0, last);
    this.deadlines.pop();
    this.items.pop();
    this.generations.pop();
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.deadlines.length && this.deadlines[left] < this.deadlines[smallest]) smallest = left;
      if (right < this.deadlines.length && this.deadlines[right] < this.deadlines[smallest]) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
    return top;
  }

  clear(): void {
    this.deadlines.length = 0;
    this.items.length = 0;
    this.generations.length = 0;
  }

  private swap(a: number, b: number): void {
    const { deadlines, items, generations } = this;
    const deadline = deadlines[a];
    deadlines[a] = deadlines[b];
    deadlines[b] = deadline;
    const item = items[a];
    items[a] = items[b];
    items[b] = item;
    const generation = generations[a];
    generations[a] = generations[b];
    generations[b] = generation;
  }
}
