import { wilsonInterval, Z_95, type Interval } from './wilson';

/** A mergeable count of trials and positives (thumbs up of all thumbs, wins of decided votes, ...). */
export interface Proportion {
  n: number;
  positive: number;
}

export const emptyProportion = (): Proportion => ({ n: 0, positive: 0 });

export function addTrial(p: Proportion, positive: boolean): void {
  p.n += 1;
  if (positive) p.positive += 1;
}

export const mergeProportions = (a: Proportion, b: Proportion): Proportion => ({ n: a.n + b.n, positive: a.positive + b.positive });

export interface RateSummary extends Interval {
  n: number;
  positive: number;
  /** positive / n; NaN when n = 0. */
  rate: number;
}

export function summariseProportion(p: Proportion, z = Z_95): RateSummary {
  return { n: p.n, positive: p.positive, rate: p.n > 0 ? p.positive / p.n : NaN, ...wilsonInterval(p.positive, p.n, z) };
}
