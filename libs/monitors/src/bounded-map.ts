/**
 * A Map that holds at most `capacity` entries and forgets the one seen longest ago when full. Monitors
 * keep one detector per subject (tenant, model version, metric, segment...), and subjects come from the
 * data, so without a bound a stream of new model versions or segments would grow memory forever.
 * "Seen" is `touch` (or `set`): Map keeps insertion order, so re-inserting moves a key to the back.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  /** Entries forgotten to make room, ever: a monitor with more subjects than capacity loses its detectors. */
  evictions = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value without marking it seen. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** The value, marked as seen now. */
  touch(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores the value as seen now; returns the key evicted to make room, if any. */
  set(key: K, value: V): K | undefined {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size <= this.capacity) return undefined;
    const oldest = this.entries.keys().next().value as K;
    this.entries.delete(oldest);
    this.evictions++;
    return oldest;
  }

  /** The value, created (and stored as seen now) when absent. */
  getOrCreate(key: K, create: () => V): V {
    const existing = this.touch(key);
    if (existing !== undefined) return existing;
    const value = create();
    this.set(key, value);
    return value;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Least recently seen first. */
  keys(): IterableIterator<K> {
    return this.entries.keys();
  }
}
