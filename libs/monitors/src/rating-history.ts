import type { RatingSnapshotRow, Snapshot } from './snapshot-rows';

/**
 * The recent rating snapshots of one (scope, method), oldest first, keeping only what a comparison
 * "now against at least lookbackMs ago" can still need: the newest snapshot old enough to be a
 * reference, and everything after it (and never more than maxSnapshots).
 */
export class RatingHistory {
  private readonly snapshots: Snapshot<RatingSnapshotRow>[] = [];

  constructor(
    private readonly lookbackMs: number,
    private readonly maxSnapshots: number,
  ) {
    if (!(lookbackMs > 0) || !(Number.isInteger(maxSnapshots) && maxSnapshots >= 2)) throw new RangeError(`need lookbackMs > 0 and maxSnapshots >= 2, got ${lookbackMs}, ${maxSnapshots}`);
  }

  get size(): number {
    return this.snapshots.length;
  }

  /** computed_at of the newest snapshot, -Infinity before any. */
  get latestMs(): number {
    return this.snapshots.length === 0 ? -Infinity : this.snapshots[this.snapshots.length - 1].computedAt;
  }

  /** The newest snapshot at least lookbackMs before `atMs`. */
  reference(atMs: number): Snapshot<RatingSnapshotRow> | undefined {
    for (let i = this.snapshots.length - 1; i >= 0; i--) if (this.snapshots[i].computedAt <= atMs - this.lookbackMs) return this.snapshots[i];
    return undefined;
  }

  /** Adds a snapshot newer than every one held. */
  add(snapshot: Snapshot<RatingSnapshotRow>): void {
    if (snapshot.computedAt <= this.latestMs) throw new RangeError(`snapshot ${snapshot.computedAt} is not after ${this.latestMs}`);
    this.snapshots.push(snapshot);
    // Later references are at least as new as the second-oldest once it is old enough itself.
    while (this.snapshots.length >= 2 && this.snapshots[1].computedAt <= snapshot.computedAt - this.lookbackMs) this.snapshots.shift();
    while (this.snapshots.length > this.maxSnapshots) this.snapshots.shift();
  }
}
