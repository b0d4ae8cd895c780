import { BoundedMap } from './bounded-map';

/**
 * Which conditions currently hold and since when. An episode starts at the first evaluation where its
 * condition holds and lasts while later evaluations keep holding; the first evaluation where it no longer
 * holds ends it, and a later recurrence starts a new episode. Monitors key alert ids by the episode start,
 * so one episode is one alert however often it is re-evaluated. A condition that is not evaluated (too
 * little data, a segment absent from a snapshot) leaves its episode as it is: absence of evidence is not
 * evidence that it stopped.
 */
export class Episodes {
  private readonly active: BoundedMap<string, number>;

  /** `capacity` bounds the open episodes remembered (the oldest-seen is forgotten). */
  constructor(capacity = 100_000) {
    this.active = new BoundedMap(capacity);
  }

  /** Records one evaluation; returns the episode start while the condition holds, else null. */
  update(key: string, holds: boolean, atMs: number): number | null {
    if (!holds) {
      this.active.delete(key);
      return null;
    }
    return this.active.getOrCreate(key, () => atMs);
  }

  /** The start of the open episode, if any. */
  startOf(key: string): number | null {
    return this.active.peek(key) ?? null;
  }
}
