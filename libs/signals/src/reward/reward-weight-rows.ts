import { SIGNAL_KIND_NAMES, type SignalKind } from '../signal-kinds';
import type { RewardConfig } from './reward-config';

/**
 * Calibrated reward weights as table rows (one per feature, '(intercept)' included), so they can be
 * written to ClickHouse, inspected, and read back by any pipeline instance to replace its hand weights.
 */
export interface RewardWeightRow {
  /** What the weights were fitted on, e.g. a tenant or 'global'. */
  scope: string;
  feature: SignalKind | '(intercept)';
  weight: number;
  /** Labelled responses the fit has seen. */
  examples: number;
  /** When the weights were written (event time of the latest example), ms since epoch. */
  ts: number;
}

export function rewardWeightRows(config: Extract<RewardConfig, { mode: 'calibrated' }>, scope: string, examples: number, ts: number): RewardWeightRow[] {
  return [
    { scope, feature: '(intercept)', weight: config.intercept, examples, ts },
    ...SIGNAL_KIND_NAMES.map((feature) => ({ scope, feature, weight: config.coefficients[feature] ?? 0, examples, ts })),
  ];
}

/** Reads rows back (e.g. the latest ts of one scope) into a calibrated reward configuration. */
export function rewardConfigFromRows(rows: readonly Pick<RewardWeightRow, 'feature' | 'weight'>[]): Extract<RewardConfig, { mode: 'calibrated' }> {
  const coefficients: Partial<Record<SignalKind, number>> = {};
  let intercept = 0;
  for (const row of rows) {
    if (row.feature === '(intercept)') intercept = row.weight;
    else if ((SIGNAL_KIND_NAMES as string[]).includes(row.feature)) coefficients[row.feature] = row.weight;
  }
  return { mode: 'calibrated', coefficients, intercept };
}
