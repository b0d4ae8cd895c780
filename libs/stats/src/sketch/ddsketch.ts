/**
 * DDSketch (Masson, Rim & Lee, VLDB 2019): a quantile sketch with relative accuracy alpha. Value x > 0
 * falls in bucket i = ceil(log_gamma x), gamma = (1 + alpha) / (1 - alpha), and bucket i answers with
 * 2 gamma^i / (gamma + 1), which is within alpha (relative) of every value in (gamma^(i-1), gamma^i].
 *
 * Guarantee: for the q-quantile defined as the element of rank floor(q (n - 1)) of the sorted values
 * (0-based), the estimate x~ satisfies |x~ - x_q| <= alpha |x_q|, as long as x_q's bucket has not been
 * collapsed. Negative values use a mirrored store, and |x| < MIN_INDEXABLE counts as zero.
 *
 * Memory: at most `maxBins` buckets per sign. The store keeps the top maxBins indices below the largest
 * seen and folds everything lower into the lowest kept bucket, so the state is a function of the
 * multiset of values alone: merging two sketches gives bucket-for-bucket the sketch of the union.
 * With alpha = 0.01 and 2048 bins the kept range spans a factor of e^41, so latency in ms or lengths
 * in tokens never collapse in practice.
 */
export interface DDSketchJson {
  alpha: number;
  maxBins: number;
  count: number;
  zeroCount: number;
  sum: number;
  /** Smallest and largest value added (0 when count is 0). */
  min: number;
  max: number;
  /** bucket index -> count, for positive values and for the magnitudes of negative values. */
  positive: Record<string, number>;
  negative: Record<string, number>;
}

export const MIN_INDEXABLE = 1e-9;

class BucketStore {
  readonly counts = new Map<number, number>();
  private maxIndex = -Infinity;

  constructor(private readonly maxBins: number) {}

  add(index: number, count: number): void {
    if (index > this.maxIndex) {
      this.maxIndex = index;
      this.foldBelow(this.cutoff());
    }
    const at = Math.max(index, this.cutoff());
    this.counts.set(at, (this.counts.get(at) ?? 0) + count);
  }

  private cutoff(): number {
    return this.maxIndex - this.maxBins + 1;
  }

  private foldBelow(cutoff: number): void {
    let folded = 0;
    for (const [i, c] of this.counts) {
      if (i < cutoff) {
        folded += c;
        this.counts.delete(i);
      }
    }
    if (folded > 0) this.counts.set(cutoff, (this.counts.get(cutoff) ?? 0) + folded);
  }

  sortedIndices(): number[] {
    return [...this.counts.keys()].sort((a, b) => a - b);
  }

  toJson(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const i of this.sortedIndices()) out[String(i)] = this.counts.get(i)!;
    return out;
  }
}

export class DDSketch {
  readonly gamma: number;
  private readonly logGamma: number;
  private readonly pos: BucketStore;
  private readonly neg: BucketStore;
  private n = 0;
  private zeros = 0;
  private total = 0;
  private lo = Infinity;
  private hi = -Infinity;

  constructor(
    readonly alpha = 0.01,
    readonly maxBins = 2048,
  ) {
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
    if (!(Number.isInteger(maxBins) && maxBins >= 1)) throw new RangeError(`maxBins must be a positive integer, got ${maxBins}`);
    this.gamma = (1 + alpha) / (1 - alpha);
    this.logGamma = Math.log(this.gamma);
    this.pos = new BucketStore(maxBins);
    this.neg = new BucketStore(maxBins);
  }

  get count(): number {
    return this.n;
  }
  get sum(): number {
    return this.total;
  }
  get min(): number {
    return this.lo;
  }
  get max(): number {
    return this.hi;
  }

  private index(magnitude: number): number {
    return Math.ceil(Math.log(magnitude) / this.logGamma);
  }

  private value(index: number): number {
    return (2 * Math.pow(this.gamma, index)) / (this.gamma + 1);
  }

  /** Adds `count` copies of x. */
  add(x: number, count = 1): void {
    if (!Number.isFinite(x)) throw new RangeError(`sketch values must be finite, got ${x}`);
    if (!(Number.isInteger(count) && count > 0)) throw new RangeError(`count must be a positive integer, got ${count}`);
    // -0 counts as 0: otherwise min/max would keep whichever zero came first, and merge's Math.min/Math.max
    // would prefer -0, so the sketch would depend on the order of the values and not on their multiset alone.
    if (x === 0) x = 0;
    if (x >= MIN_INDEXABLE) this.pos.add(this.index(x), count);
    else if (x <= -MIN_INDEXABLE) this.neg.add(this.index(-x), count);
    else this.zeros += count;
    this.n += count;
    this.total += x * count;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Adds another sketch with the same alpha and maxBins into this one. */
  merge(other: DDSketch): this {
    if (other.alpha !== this.alpha || other.maxBins !== this.maxBins) throw new RangeError('can only merge sketches with the same alpha and maxBins');
    for (const [i, c] of other.pos.counts) this.pos.add(i, c);
    for (const [i, c] of other.neg.counts) this.neg.add(i, c);
    this.n += other.n;
    this.zeros += other.zeros;
    this.total += other.total;
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
    return this;
  }

  /** Estimate of the element of rank floor(q (n - 1)); NaN when empty. */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
    if (this.n === 0) return NaN;
    const rank = Math.floor(q * (this.n - 1));
    let seen = 0;
    const clamp = (v: number) => Math.min(this.hi, Math.max(this.lo, v));
    const negIndices = this.neg.sortedIndices();
    for (let k = negIndices.length - 1; k >= 0; k--) {
      seen += this.neg.counts.get(negIndices[k])!;
      if (seen > rank) return clamp(-this.value(negIndices[k]));
    }
    seen += this.zeros;
    if (seen > rank) return clamp(0);
    for (const i of this.pos.sortedIndices()) {
      seen += this.pos.counts.get(i)!;
      if (seen > rank) return clamp(this.value(i));
    }
    return this.hi;
  }

  toJSON(): DDSketchJson {
    return {
      alpha: this.alpha, maxBins: this.maxBins, count: this.n, zeroCount: this.zeros, sum: this.total,
      // JSON has no Infinity: an empty sketch writes 0 (ignored when read back, as count is 0).
      min: this.n > 0 ? this.lo : 0, max: this.n > 0 ? this.hi : 0, positive: this.pos.toJson(), negative: this.neg.toJson(),
    };
  }

  static fromJSON(json: DDSketchJson): DDSketch {
    const sketch = new DDSketch(json.alpha, json.maxBins);
    let binned = 0;
    for (const [store, bins] of [[sketch.pos, json.positive], [sketch.neg, json.negative]] as const) {
      for (const [i, c] of Object.entries(bins)) {
        if (!Number.isInteger(Number(i)) || !(Number.isInteger(c) && c > 0)) throw new RangeError(`bad sketch bin ${i}: ${c}`);
        store.add(Number(i), c);
        binned += c;
      }
    }
    if (binned + json.zeroCount !== json.count) throw new RangeError(`sketch bins hold ${binned + json.zeroCount} values, count says ${json.count}`);
    sketch.n = json.count;
    sketch.zeros = json.zeroCount;
    sketch.total = json.sum;
    sketch.lo = json.count === 0 ? Infinity : json.min;
    sketch.hi = json.count === 0 ? -Infinity : json.max;
    return sketch;
  }
}
