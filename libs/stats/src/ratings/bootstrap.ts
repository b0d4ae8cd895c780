import { sampleMultinomial } from '../random/binomial';
import { createPrng } from '../random/prng';
import { fitPairArrays, pairArrays, resolveBradleyTerryOptions, type BradleyTerryFit, type BradleyTerryOptions } from './bradley-terry';
import type { PairwiseCounts } from './pairwise-counts';
import { percentile } from './percentile';
import { ranksByInterval } from './rank';

export interface BootstrapOptions {
  /** Resamples. Default 100 (the arena's leaderboard uses 100 to 1000). */
  rounds?: number;
  seed?: number;
  /** Two-sided coverage of the percentile interval. Default 0.95. */
  confidence?: number;
}

export interface RatingWithInterval {
  model: string;
  rating: number;
  ciLow: number;
  ciHigh: number;
  rank: number;
  votes: number;
}

export interface BootstrapResult {
  ratings: RatingWithInterval[];
  rounds: number;
  /** Rounds whose resample had no finite unpenalised maximum (only possible with penalty 0). */
  skippedRounds: number;
  /** Newton steps summed over the rounds (each warm-started from the point estimate). */
  newtonSteps: number;
}

/**
 * Percentile bootstrap of Bradley-Terry ratings. Resampling N votes with replacement is the same as a
 * multinomial draw of N over the unique (pair, outcome) rows weighted by their counts, so each round
 * costs O(unique rows), not O(votes), and refits exactly from the resampled counts. A model that drew
 * no votes in a round is left out of that round's percentiles (as in the arena, where it would be
 * absent from the resampled table).
 */
export function bootstrapBradleyTerry(
  counts: PairwiseCounts,
  point: BradleyTerryFit,
  fitOptions: BradleyTerryOptions = {},
  options: BootstrapOptions = {},
): BootstrapResult {
  const { rounds = 100, seed = 1, confidence = 0.95 } = options;
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`rounds must be a positive integer, got ${rounds}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const resolved = resolveBradleyTerryOptions(fitOptions);
  const data = pairArrays(counts);
  const k = data.i.length;
  const weights = new Float64Array(3 * k);
  for (let r = 0; r < k; r++) {
    weights[3 * r] = data.winsI[r];
    weights[3 * r + 1] = data.winsJ[r];
    weights[3 * r + 2] = data.ties[r];
  }
  const resample = { ...data, winsI: new Float64Array(k), winsJ: new Float64Array(k), ties: new Float64Array(k) };
  const draw = new Float64Array(3 * k);
  const rng = createPrng(seed);
  const m = data.modelCount;
  const samples = Array.from({ length: m }, () => new Float64Array(rounds).fill(NaN));
  let skippedRounds = 0;
  let newtonSteps = 0;
  for (let round = 0; round < rounds; round++) {
    sampleMultinomial(rng, counts.totalVotes, weights, draw);
    for (let r = 0; r < k; r++) {
      resample.winsI[r] = draw[3 * r];
      resample.winsJ[r] = draw[3 * r + 1];
      resample.ties[r] = draw[3 * r + 2];
    }
    let beta: Float64Array;
    try {
      const fit = fitPairArrays(resample, resolved, point.beta);
      beta = fit.beta;
      newtonSteps += fit.iterations;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      skippedRounds++;
      continue;
    }
    for (let x = 0; x < m; x++) samples[x][round] = resolved.scale * beta[x] + resolved.initialRating;
  }
  const tail = (1 - confidence) / 2;
  const intervals = point.models.map((model, x) => ({
    model,
    rating: point.ratings[x],
    ciLow: percentile(samples[x], tail),
    ciHigh: percentile(samples[x], 1 - tail),
    votes: point.votes[x],
  }));
  const ranks = ranksByInterval(intervals);
  return { ratings: intervals.map((r, x) => ({ ...r, rank: ranks[x] })), rounds, skippedRounds, newtonSteps };
}
