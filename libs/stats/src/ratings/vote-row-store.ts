import { createPrng, type Prng } from '../random/prng';
import { assertWinner, isSelfVote, type PairwiseVote } from './vote';

/** A pairwise vote with its per-vote covariates (style differences, refusal, toxicity, ...). */
export interface CovariateVote extends PairwiseVote {
  /** Covariate name -> value; missing names count as 0. */
  covariates: Readonly<Record<string, number>>;
}

export interface VoteRowStoreOptions {
  /** Covariate columns, in order. */
  covariates: readonly string[];
  /** Maximum rows kept. Default 2,000,000. */
  capacity?: number;
  /** Seed of the reservoir sampler once the store is full. */
  seed?: number;
}

/**
 * Per-vote rows for fits that cannot work from (a, b, outcome) counts because each vote has its own
 * covariates (style control). Columnar typed arrays: 9 + 8 F bytes per row for F covariates (a 2M-row
 * store with 4 covariates is 82 MB). Up to `capacity` every vote is kept; after that the store is a
 * uniform reservoir sample of all votes seen (Vitter's algorithm R), so the fit stays unbiased for the
 * whole history at a bounded cost, with standard errors that reflect the sample size.
 */
export class VoteRowStore {
  readonly covariateNames: readonly string[];
  readonly capacity: number;
  private readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private a: Int32Array;
  private b: Int32Array;
  /** 2 = a won, 0 = b won, 1 = tie or both_bad (twice the score of a). */
  private outcome: Uint8Array;
  private x: Float64Array;
  private length = 0;
  private seenVotes = 0;
  private readonly rng: Prng;

  constructor(options: VoteRowStoreOptions) {
    this.covariateNames = [...options.covariates];
    if (new Set(this.covariateNames).size !== this.covariateNames.length) throw new RangeError('duplicate covariate names');
    this.capacity = options.capacity ?? 2_000_000;
    if (!(Number.isInteger(this.capacity) && this.capacity >= 1)) throw new RangeError(`capacity must be a positive integer, got ${this.capacity}`);
    this.rng = createPrng(options.seed ?? 1);
    const initial = Math.min(this.capacity, 1024);
    this.a = new Int32Array(initial);
    this.b = new Int32Array(initial);
    this.outcome = new Uint8Array(initial);
    this.x = new Float64Array(initial * this.covariateNames.length);
  }

  get models(): readonly string[] {
    return this.names;
  }
  /** Rows held. */
  get size(): number {
    return this.length;
  }
  /** Votes offered (rows held = min(seen, capacity)). */
  get seen(): number {
    return this.seenVotes;
  }

  private modelIndex(model: string): number {
    let i = this.index.get(model);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(model);
      this.index.set(model, i);
    }
    return i;
  }

  /** Adds a vote (self-votes are ignored: false). */
  add(vote: CovariateVote): boolean {
    assertWinner(vote.winner);
    if (isSelfVote(vote)) return false;
    const f = this.covariateNames.length;
    const values = this.covariateNames.map((name) => vote.covariates[name] ?? 0);
    for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`covariates must be finite, got ${v}`);
    this.seenVotes++;
    let row: number;
    if (this.length < this.capacity) {
      if (this.length === this.a.length) this.grow();
      row = this.length++;
    } else {
      row = Math.floor(this.rng.next() * this.seenVotes);
      if (row >= this.capacity) return true; // not sampled: the reservoir keeps each vote with probability capacity / seen
    }
    this.a[row] = this.modelIndex(vote.modelA);
    this.b[row] = this.modelIndex(vote.modelB);
    this.outcome[row] = vote.winner === 'a' ? 2 : vote.winner === 'b' ? 0 : 1;
    this.x.set(values, row * f);
    return true;
  }

  private grow(): void {
    const next = Math.min(this.capacity, this.a.length * 2);
    const f = this.covariateNames.length;
    const resize = <T extends Int32Array | Uint8Array | Float64Array>(old: T, size: number, make: (n: number) => T): T => {
      const fresh = make(size);
      fresh.set(old);
      return fresh;
    };
    this.a = resize(this.a, next, (n) => new Int32Array(n));
    this.b = resize(this.b, next, (n) => new Int32Array(n));
    this.outcome = resize(this.outcome, next, (n) => new Uint8Array(n));
    this.x = resize(this.x, next * f, (n) => new Float64Array(n));
  }

  /** Read-only views of the held rows (valid until the next add). */
  columns(): { a: Int32Array; b: Int32Array; outcome: Uint8Array; covariates: Float64Array; rows: number; covariateCount: number } {
    const n = this.length;
    const f = this.covariateNames.length;
    return { a: this.a.subarray(0, n), b: this.b.subarray(0, n), outcome: this.outcome.subarray(0, n), covariates: this.x.subarray(0, n * f), rows: n, covariateCount: f };
  }
}
