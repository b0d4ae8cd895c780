import { SIGNAL_KINDS, SIGNAL_KIND_NAMES, type SignalKind } from '../signal-kinds';
import { rewardFeatures, type RewardConfig } from './reward-config';

/** The implicit reward of one response from its signals, in [-1, 1] (see RewardConfig for the formula). */
export function implicitReward(signals: Readonly<Record<string, number>>, config: RewardConfig): number {
  if (config.mode === 'calibrated') {
    const x = rewardFeatures(signals);
    let z = 0;
    for (const kind of SIGNAL_KIND_NAMES) z += (config.coefficients[kind] ?? 0) * x[kind];
    return Math.tanh(z / 2);
  }
  let signed = 0;
  let total = config.prior;
  // Summed in a fixed (sorted) order: floating-point sums in arrival order would differ in the last
  // bits between two arrival orders of the same evidence.
  const present = Object.keys(signals);
  if (present.length > 1) present.sort();
  for (const key of present) {
    const kind = key as SignalKind;
    const value = signals[kind];
    const polarity = SIGNAL_KINDS[kind]?.polarity;
    if (!polarity || value === undefined) continue;
    const evidence = config.weights[kind] * Math.min(1, Math.max(0, value));
    signed += polarity * evidence;
    total += evidence;
  }
  return total > 0 ? signed / total : 0;
}
