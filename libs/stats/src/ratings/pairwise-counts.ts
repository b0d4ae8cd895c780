import { assertWinner, isSelfVote, type PairwiseVote } from './vote';

/**
 * Sufficient statistics of Bradley-Terry: for each unordered pair of models (i < j by first
 * appearance), how often i won, j won, or they tied. Which side a model sat on does not enter the fit,
 * so (a, b, 'a') and (b, a, 'b') are the same row. Memory is O(pairs actually compared), independent of
 * the number of votes; this is what makes exact refits and bootstraps over millions of votes cheap.
 */
export interface PairRow {
  i: number;
  j: number;
  winsI: number;
  winsJ: number;
  /** Ties and both_bad. */
  ties: number;
}

export interface PairwiseCountsJson {
  models: string[];
  /** [i, j, winsI, winsJ, ties] */
  rows: [number, number, number, number, number][];
  selfVotes?: number;
}

const MAX_MODELS = 1 << 20;
const pairKey = (i: number, j: number) => i * MAX_MODELS + j;

export class PairwiseCounts {
  private readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly pairs = new Map<number, PairRow>();
  private votes = 0;
  private self = 0;

  get models(): readonly string[] {
    return this.names;
  }
  get totalVotes(): number {
    return this.votes;
  }
  /** Votes skipped because both sides were the same model. */
  get selfVotes(): number {
    return this.self;
  }
  get pairCount(): number {
    return this.pairs.size;
  }

  indexOf(model: string): number {
    let i = this.index.get(model);
    if (i === undefined) {
      if (this.names.length >= MAX_MODELS) throw new RangeError(`more than ${MAX_MODELS} models`);
      i = this.names.length;
      this.names.push(model);
      this.index.set(model, i);
    }
    return i;
  }

  /** Adds `count` identical votes; false (and counted in selfVotes) for a model against itself. */
  add(vote: PairwiseVote, count = 1): boolean {
    assertWinner(vote.winner);
    if (!(Number.isInteger(count) && count > 0)) throw new RangeError(`count must be a positive integer, got ${count}`);
    if (isSelfVote(vote)) {
      this.self += count;
      return false;
    }
    const a = this.indexOf(vote.modelA);
    const b = this.indexOf(vote.modelB);
    const [i, j] = a < b ? [a, b] : [b, a];
    const key = pairKey(i, j);
    let row = this.pairs.get(key);
    if (!row) {
      row = { i, j, winsI: 0, winsJ: 0, ties: 0 };
      this.pairs.set(key, row);
    }
    if (vote.winner === 'tie' || vote.winner === 'both_bad') row.ties += count;
    else if ((vote.winner === 'a') === (a === i)) row.winsI += count;
    else row.winsJ += count;
    this.votes += count;
    return true;
  }

  /** Rows in first-seen order (a copy). */
  rows(): PairRow[] {
    return [...this.pairs.values()].map((r) => ({ ...r }));
  }

  /** Votes each model took part in, by model index. */
  votesPerModel(): number[] {
    const out = new Array<number>(this.names.length).fill(0);
    for (const r of this.pairs.values()) {
      const n = r.winsI + r.winsJ + r.ties;
      out[r.i] += n;
      out[r.j] += n;
    }
    return out;
  }

  toJSON(): PairwiseCountsJson {
    return { models: [...this.names], rows: [...this.pairs.values()].map((r) => [r.i, r.j, r.winsI, r.winsJ, r.ties]), selfVotes: this.self };
  }

  static fromJSON(json: PairwiseCountsJson): PairwiseCounts {
    const counts = new PairwiseCounts();
    json.models.forEach((m) => counts.indexOf(m));
    if (counts.names.length !== json.models.length) throw new RangeError('duplicate model names in counts');
    for (const [i, j, winsI, winsJ, ties] of json.rows) {
      if (!(i >= 0 && i < j && j < json.models.length)) throw new RangeError(`bad pair (${i}, ${j})`);
      const key = pairKey(i, j);
      if (counts.pairs.has(key)) throw new RangeError(`pair (${i}, ${j}) appears twice`);
      for (const c of [winsI, winsJ, ties]) if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`bad count ${c}`);
      counts.pairs.set(key, { i, j, winsI, winsJ, ties });
      counts.votes += winsI + winsJ + ties;
    }
    counts.self = json.selfVotes ?? 0;
    return counts;
  }
}
