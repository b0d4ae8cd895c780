import { betaByModel, bootstrapBradleyTerry, createPrng, fitBradleyTerry, fitStyleControl, PairwiseCounts, styleWarmStart, VoteRowStore, type BradleyTerryFit, type StyleWarmStart } from '@prefstream/stats';
import type { Benchmark, Sample } from '../benchmark';

const STYLE_COVARIATES = ['length', 'header_count', 'list_count', 'bold_count'] as const;

export interface VoteWorkload {
  counts: PairwiseCounts;
  rows: VoteRowStore;
  models: number;
  /** Adds `n` more votes (a batch arriving between two refits); returns the time taken, votes/s. */
  addVotes(n: number): number;
}

/**
 * Seeded arena-style votes among `models` models with latent strengths spread over 3 logits, 10% ties,
 * and four style covariates of which length moves the outcome (0.8 logits per unit), as in published
 * arena fits where length dominates. Every vote goes to the pair counts and to the row store.
 */
export function voteWorkload(models: number, seed = 7): VoteWorkload {
  const rng = createPrng(seed);
  const names = Array.from({ length: models }, (_, i) => `model-${String(i).padStart(3, '0')}`);
  const strength = names.map(() => (rng.next() - 0.5) * 3);
  const counts = new PairwiseCounts();
  const rows = new VoteRowStore({ covariates: STYLE_COVARIATES, capacity: 4_000_000 });
  return {
    counts,
    rows,
    models,
    addVotes(n) {
      const start = process.hrtime.bigint();
      for (let v = 0; v < n; v++) {
        const i = Math.floor(rng.next() * models);
        let j = Math.floor(rng.next() * (models - 1));
        if (j >= i) j++;
        const length = rng.next() * 2 - 1;
        const p = 1 / (1 + Math.exp(-(strength[i] - strength[j] + 0.8 * length)));
        const winner = rng.next() < 0.1 ? 'tie' : rng.next() < p ? 'a' : 'b';
        const vote = { modelA: names[i], modelB: names[j], winner } as const;
        counts.add(vote);
        rows.add({ ...vote, covariates: { length, header_count: rng.next() * 0.4 - 0.2, list_count: rng.next() * 0.6 - 0.3, bold_count: rng.next() * 0.2 - 0.1 } });
      }
      return n / (Number(process.hrtime.bigint() - start) / 1e9);
    },
  };
}

/** Votes arriving between two refits in these benchmarks: 1% of the history. */
const BATCH_SHARE = 0.01;

const timed = (fn: () => Record<string, number>): Sample => {
  const start = process.hrtime.bigint();
  const extra = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { opsPerSec: 1000 / ms, extra: { msPerRefit: ms, ...extra } };
};

/**
 * A ratings refit as PairwiseRatings.refit does it for one scope: Bradley-Terry by Newton from the pair
 * counts (sufficient statistics, 100 models -> 4,950 pairs whatever the number of votes), warm-started
 * from the previous fit, plus 100 bootstrap rounds for the intervals. Baseline: the point fit alone, cold.
 */
export function ratingsRefitBenchmark(): Benchmark {
  let work: VoteWorkload;
  let previous: BradleyTerryFit;
  let batch = 0;
  let addVotesPerSec = 0;
  return {
    name: 'ratings-refit',
    description: 'Bradley-Terry refit with 100 bootstrap rounds from pair counts, 100 models, 1,000,000 votes (quick: 100,000) + 1% new votes before each refit, warm start; refits/s',
    baselineName: 'cold point fit without intervals',
    repeats: { quick: 2, full: 5 },
    async setup({ quick }) {
      const votes = quick ? 100_000 : 1_000_000;
      work = voteWorkload(100);
      addVotesPerSec = work.addVotes(votes);
      batch = Math.round(votes * BATCH_SHARE);
      previous = fitBradleyTerry(work.counts);
    },
    async run() {
      work.addVotes(batch);
      return timed(() => {
        const fit = fitBradleyTerry(work.counts, {}, betaByModel(previous));
        previous = fit;
        const intervals = bootstrapBradleyTerry(work.counts, fit, {}, { rounds: 100 });
        return {
          models: work.models, votes: work.counts.totalVotes, pairs: work.counts.pairCount, pointFitIterations: fit.iterations,
          bootstrapRounds: intervals.rounds, newtonSteps: intervals.newtonSteps, addVotesPerSec: Math.round(addVotesPerSec),
        };
      });
    },
    async baseline() {
      return timed(() => ({ iterations: fitBradleyTerry(work.counts).iterations }));
    },
  };
}

/**
 * Style control (Bradley-Terry with per-vote covariates: length, headers, lists, bold) over every vote's
 * row, warm-started from the previous fit: it cannot use pair counts, so its cost grows with the votes
 * kept. Baseline: the plain point fit from the counts of the same votes.
 */
export function styleControlRefitBenchmark(): Benchmark {
  let work: VoteWorkload;
  let warm: StyleWarmStart;
  let batch = 0;
  return {
    name: 'style-control-refit',
    description: 'style-control refit over per-vote rows (4 covariates), 100 models, 1,000,000 votes (quick: 100,000) + 1% new votes before each refit, warm start; refits/s',
    baselineName: 'plain Bradley-Terry point fit from the pair counts',
    repeats: { quick: 2, full: 5 },
    async setup({ quick }) {
      const votes = quick ? 100_000 : 1_000_000;
      work = voteWorkload(100);
      work.addVotes(votes);
      batch = Math.round(votes * BATCH_SHARE);
      warm = styleWarmStart(fitStyleControl(work.rows));
    },
    async run() {
      work.addVotes(batch);
      return timed(() => {
        const fit = fitStyleControl(work.rows, {}, warm);
        warm = styleWarmStart(fit);
        return { models: work.models, rows: fit.rows, iterations: fit.iterations, lengthCoef: fit.style.find((c) => c.feature === 'length')?.coef ?? NaN };
      });
    },
    async baseline() {
      return timed(() => ({ iterations: fitBradleyTerry(work.counts).iterations }));
    },
  };
}
