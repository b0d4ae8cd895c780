/**
 * Rank by confidence interval, as the arena leaderboard does: 1 + the number of models whose interval
 * lies entirely above this one (ci_low of the other > ci_high of this). Models whose intervals overlap
 * share a rank, so a rank never claims more than the data can tell apart.
 */
export function ranksByInterval(intervals: readonly { ciLow: number; ciHigh: number }[]): number[] {
  return intervals.map((mine) => 1 + intervals.reduce((n, other) => n + (other.ciLow > mine.ciHigh ? 1 : 0), 0));
}
