import { assertWinner, isSelfVote, type PairwiseVote } from './vote';

export interface OnlineEloOptions {
  /** Step size. Default 4, the arena's online Elo. */
  k?: number;
  base?: number;
  scale?: number;
  initialRating?: number;
}

export interface OnlineEloJson {
  options: Required<OnlineEloOptions>;
  ratings: Record<string, number>;
  votes: Record<string, number>;
}

/**
 * Classic online Elo, kept beside Bradley-Terry for comparison: order-dependent (recent votes weigh
 * more) and without intervals, which is why the leaderboard uses the batch fit. Expected score
 * E_a = 1 / (1 + base^((R_b - R_a) / scale)); a tie or both_bad scores 1/2 each; R += k (S - E).
 * Rating sums are conserved (each update is zero-sum).
 */
export class OnlineElo {
  private readonly options: Required<OnlineEloOptions>;
  private readonly rating = new Map<string, number>();
  private readonly count = new Map<string, number>();

  constructor(options: OnlineEloOptions = {}) {
    this.options = { k: 4, base: 10, scale: 400, initialRating: 1000, ...options };
    if (!(this.options.k > 0)) throw new RangeError(`k must be > 0, got ${this.options.k}`);
  }

  ratingOf(model: string): number {
    return this.rating.get(model) ?? this.options.initialRating;
  }

  votesOf(model: string): number {
    return this.count.get(model) ?? 0;
  }

  /** Updates both ratings; a self-vote changes nothing and returns false. */
  update(vote: PairwiseVote): boolean {
    assertWinner(vote.winner);
    if (isSelfVote(vote)) return false;
    const { k, base, scale } = this.options;
    const ra = this.ratingOf(vote.modelA);
    const rb = this.ratingOf(vote.modelB);
    const expectedA = 1 / (1 + Math.pow(base, (rb - ra) / scale));
    const scoreA = vote.winner === 'a' ? 1 : vote.winner === 'b' ? 0 : 0.5;
    const delta = k * (scoreA - expectedA);
    this.rating.set(vote.modelA, ra + delta);
    this.rating.set(vote.modelB, rb - delta);
    for (const m of [vote.modelA, vote.modelB]) this.count.set(m, this.votesOf(m) + 1);
    return true;
  }

  ratings(): Record<string, number> {
    return Object.fromEntries(this.rating);
  }

  toJSON(): OnlineEloJson {
    return { options: { ...this.options }, ratings: this.ratings(), votes: Object.fromEntries(this.count) };
  }

  static fromJSON(json: OnlineEloJson): OnlineElo {
    const elo = new OnlineElo(json.options);
    for (const [m, r] of Object.entries(json.ratings)) elo.rating.set(m, r);
    for (const [m, n] of Object.entries(json.votes)) elo.count.set(m, n);
    return elo;
  }
}
