/**
 * A counting gate over queued work: acquire(n) resolves once n more units fit under the capacity,
 * in FIFO order (a large request is not starved by a stream of small ones). release(n) frees units.
 */
export class CapacityGate {
  private used = 0;
  private readonly waiters: { units: number; grant: () => void; fail: (error: Error) => void }[] = [];

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`capacity must be >= 1, got ${capacity}`);
  }

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(units: number): Promise<void> {
    if (units > this.capacity) return Promise.reject(new Error(`cannot acquire ${units} units from a gate of ${this.capacity}`));
    if (this.waiters.length === 0 && this.used + units <= this.capacity) {
      this.used += units;
      return Promise.resolve();
    }
    return new Promise((grant, fail) => this.waiters.push({ units, grant, fail }));
  }

  release(units: number): void {
    this.used -= units;
    if (this.used < 0) throw new Error('released more units than were acquired');
    while (this.waiters.length > 0 && this.used + this.waiters[0]!.units <= this.capacity) {
      const next = this.waiters.shift()!;
      this.used += next.units;
      next.grant();
    }
  }

  /** Fails every waiter (on close); units already held stay held until released. */
  failWaiters(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.fail(error);
  }
}
