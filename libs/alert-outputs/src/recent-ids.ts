/**
 * The last `capacity` ids seen, oldest forgotten first: bounded memory for "already delivered" checks
 * in a long-running process. Forgetting is safe: delivery is at least once and receivers dedupe on id.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer (got ${capacity})`);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    // Re-adding moves the id to the newest end (a Set iterates in insertion order).
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }

  get size(): number {
    return this.ids.size;
  }
}
