import { SIGNAL_KINDS, SIGNAL_KIND_NAMES, type SignalKind } from '../signal-kinds';

/**
 * How signals become one implicit reward in [-1, 1].
 * - `hand`: reward = sum(p_k w_k s_k) / (prior + sum(w_k s_k)) over signals present, where p is the
 *   polarity, w the weight and s the strength (value, clipped to [0, 1]; dwell never counts). A weighted
 *   mean of the evidence's direction, shrunk toward 0 by `prior`: one weak signal alone (abandon, 0.1)
 *   gives -0.17, a regenerate alone -0.67, contradicting evidence cancels.
 * - `calibrated`: reward = tanh((b . x) / 2) = 2 sigmoid(b . x) - 1 with x the feature vector of
 *   `rewardFeatures`, b fitted online against thumbs (OnlineLogisticCalibrator). The intercept is left
 *   out so "no evidence" stays 0; it only shifts the probability, not the ranking.
 */
export type RewardConfig =
  | { mode: 'hand'; weights: Record<SignalKind, number>; prior: number }
  | { mode: 'calibrated'; coefficients: Partial<Record<SignalKind, number>>; intercept: number };

export const DEFAULT_REWARD_CONFIG: RewardConfig = {
  mode: 'hand',
  weights: Object.fromEntries(SIGNAL_KIND_NAMES.map((k) => [k, SIGNAL_KINDS[k].weight])) as Record<SignalKind, number>,
  prior: 0.5,
};

/** Dwell (seconds, unbounded) enters the calibrated model as log1p(seconds) / log1p(600), capped at 1. */
const DWELL_SCALE = Math.log1p(600);

/** The calibration features of a response: one per signal kind, each in [0, 1], 0 when absent. */
export function rewardFeatures(signals: Readonly<Record<string, number>>): Record<SignalKind, number> {
  const x = {} as Record<SignalKind, number>;
  for (const kind of SIGNAL_KIND_NAMES) {
    const v = signals[kind] ?? 0;
    x[kind] = kind === 'dwell' ? Math.min(1, Math.log1p(Math.max(0, v)) / DWELL_SCALE) : Math.min(1, Math.max(0, v));
  }
  return x;
}
