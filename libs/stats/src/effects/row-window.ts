import { MINUTE_MS } from '../aggregate/minute-key';
import { createPrng, type Prng } from '../random/prng';
import { RowReservoir } from './row-reservoir';

export type WindowSpec =
  /** All rows so far, up to maxRows (default 100,000), then a uniform sample of them. */
  | { kind: 'cumulative'; maxRows?: number }
  /** The last `minutes` event-time minutes, up to maxRowsPerMinute each (default 2,000, then sampled). */
  | { kind: 'sliding'; minutes: number; maxRowsPerMinute?: number };

/**
 * Rows kept for one refit scope. Memory bound per window: cumulative maxRows * width * 8 bytes;
 * sliding minutes * maxRowsPerMinute * width * 8 bytes (60 minutes of 2,000 rows of 6 numbers: 5.8 MB).
 */
export interface RowWindow {
  readonly label: string;
  /** False when the row's minute has already left the window. */
  add(minute: number, row: ArrayLike<number>): boolean;
  /** The rows in the window, concatenated (oldest minute first for sliding windows). */
  rows(): Float64Array;
  readonly size: number;
}

export const windowLabel = (spec: WindowSpec): string => (spec.kind === 'cumulative' ? 'cumulative' : `sliding:${spec.minutes}m`);

export function createRowWindow(spec: WindowSpec, width: number, seed = 1): RowWindow {
  const rng = createPrng(seed);
  return spec.kind === 'cumulative' ? new CumulativeRows(width, spec.maxRows ?? 100_000, rng) : new SlidingMinuteRows(spec.minutes, spec.maxRowsPerMinute ?? 2_000, width, rng);
}

class CumulativeRows implements RowWindow {
  readonly label = 'cumulative';
  private readonly store: RowReservoir;
  constructor(width: number, maxRows: number, rng: Prng) {
    this.store = new RowReservoir(width, maxRows, rng);
  }
  get size(): number {
    return this.store.size;
  }
  add(_minute: number, row: ArrayLike<number>): boolean {
    this.store.add(row);
    return true;
  }
  rows(): Float64Array {
    return this.store.rows();
  }
}

/**
 * A ring of per-minute buckets: bucket (minute / 60,000) mod W holds that minute's rows. The window
 * ends at the latest minute seen (event time); a bucket is cleared when a newer minute reuses it.
 */
class SlidingMinuteRows implements RowWindow {
  readonly label: string;
  private readonly buckets: RowReservoir[];
  private readonly bucketMinute: number[];
  private latest = -Infinity;

  constructor(
    private readonly minutes: number,
    maxRowsPerMinute: number,
    private readonly width: number,
    rng: Prng,
  ) {
    if (!(Number.isInteger(minutes) && minutes >= 1)) throw new RangeError(`window minutes must be a positive integer, got ${minutes}`);
    this.label = `sliding:${minutes}m`;
    this.buckets = Array.from({ length: minutes }, () => new RowReservoir(width, maxRowsPerMinute, rng));
    this.bucketMinute = new Array<number>(minutes).fill(-Infinity);
  }

  get size(): number {
    return this.live().reduce((n, b) => n + this.buckets[b].size, 0);
  }

  private live(): number[] {
    const first = this.latest - (this.minutes - 1) * MINUTE_MS;
    return this.buckets.map((_, b) => b).filter((b) => this.bucketMinute[b] >= first).sort((x, y) => this.bucketMinute[x] - this.bucketMinute[y]);
  }

  add(minute: number, row: ArrayLike<number>): boolean {
    if (minute % MINUTE_MS !== 0) throw new RangeError(`minute must be a whole minute in epoch ms, got ${minute}`);
    if (minute > this.latest) this.latest = minute;
    if (minute <= this.latest - this.minutes * MINUTE_MS) return false;
    const b = (((minute / MINUTE_MS) % this.minutes) + this.minutes) % this.minutes;
    if (this.bucketMinute[b] !== minute) {
      this.buckets[b].clear();
      this.bucketMinute[b] = minute;
    }
    this.buckets[b].add(row);
    return true;
  }

  rows(): Float64Array {
    const live = this.live();
    const out = new Float64Array(live.reduce((n, b) => n + this.buckets[b].size, 0) * this.width);
    let at = 0;
    for (const b of live) {
      const chunk = this.buckets[b].rows();
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
