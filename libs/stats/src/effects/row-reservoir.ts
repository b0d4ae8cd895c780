import type { Prng } from '../random/prng';

/**
 * Fixed-width numeric rows in one growable Float64Array, at most `capacity` of them: every row until
 * full, then a uniform sample of all rows offered (algorithm R). Memory: capacity * width * 8 bytes at
 * most, allocated as rows arrive (doubling).
 */
export class RowReservoir {
  private buffer: Float64Array;
  private length = 0;
  private offered = 0;

  constructor(
    readonly width: number,
    readonly capacity: number,
    private readonly rng: Prng,
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.buffer = new Float64Array(Math.min(capacity, 16) * width);
  }

  get size(): number {
    return this.length;
  }
  get seen(): number {
    return this.offered;
  }

  add(row: ArrayLike<number>): void {
    this.offered++;
    let at: number;
    if (this.length < this.capacity) {
      if ((this.length + 1) * this.width > this.buffer.length) {
        const grown = new Float64Array(Math.min(this.capacity, 2 * (this.buffer.length / this.width)) * this.width);
        grown.set(this.buffer);
        this.buffer = grown;
      }
      at = this.length++;
    } else {
      at = Math.floor(this.rng.next() * this.offered);
      if (at >= this.capacity) return;
    }
    for (let c = 0; c < this.width; c++) this.buffer[at * this.width + c] = row[c];
  }

  /** The held rows (a view, valid until the next add or clear). */
  rows(): Float64Array {
    return this.buffer.subarray(0, this.length * this.width);
  }

  clear(): void {
    this.length = 0;
    this.offered = 0;
  }
}
