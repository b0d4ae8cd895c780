/**
 * Page's two-sided CUSUM on standardised values z (in-control mean 0, variance 1), as pure steps:
 * S+ = max(0, S+ + z - k), S- = max(0, S- - z - k). k is half the shift (in standard deviations) the
 * chart is tuned to detect fastest; h the decision threshold. Each side also remembers when it last
 * left 0: the first observation after the last zero is the classic CUSUM estimate of when the change
 * began (Page 1954; the maximum-likelihood change point for a step of size 2k).
 */
export type Direction = 'up' | 'down';

export interface CusumSide {
  /** The one-sided statistic, >= 0. */
  statistic: number;
  /** Time (epoch ms) of the first observation after the statistic was last 0; null while it is 0. */
  startMs: number | null;
}

export interface CusumState {
  up: CusumSide;
  down: CusumSide;
}

export const initialCusumState = (): CusumState => ({ up: { statistic: 0, startMs: null }, down: { statistic: 0, startMs: null } });

function stepSide(previous: CusumSide, increment: number, timeMs: number): CusumSide {
  const statistic = Math.max(0, previous.statistic + increment);
  if (statistic === 0) return { statistic: 0, startMs: null };
  return { statistic, startMs: previous.statistic === 0 ? timeMs : previous.startMs };
}

/** The state after one standardised observation at `timeMs`. */
export function stepCusum(state: CusumState, z: number, timeMs: number, k: number): CusumState {
  return { up: stepSide(state.up, z - k, timeMs), down: stepSide(state.down, -z - k, timeMs) };
}

/** max(S+, S-). */
export const cusumStatistic = (state: CusumState): number => Math.max(state.up.statistic, state.down.statistic);

/** The side with the larger statistic, or null while both are 0. */
export function leadingDirection(state: CusumState): Direction | null {
  if (state.up.statistic === 0 && state.down.statistic === 0) return null;
  return state.up.statistic >= state.down.statistic ? 'up' : 'down';
}

/** The side whose statistic exceeds h (the larger if both do), or null. */
export function crossing(state: CusumState, h: number): Direction | null {
  return cusumStatistic(state) > h ? leadingDirection(state) : null;
}
