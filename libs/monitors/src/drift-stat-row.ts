import type { Alert } from './alert';

/**
 * One row of the drift_stats table: a monitor's statistic for one subject at one time, with its
 * threshold, so the dashboard can plot the evidence next to the alerts. Every monitor returns these.
 */
export interface DriftStatRow {
  /** Epoch ms of the evidence (the closed minute, the snapshot time). */
  computed_at: number;
  tenant: string;
  monitor: string;
  subject: string;
  statistic: number;
  threshold: number;
  drifted: 0 | 1;
  /** JSON object with the numbers behind the statistic. */
  details: string;
}

/** What a monitor returns for one batch of input. */
export interface MonitorResult {
  stats: DriftStatRow[];
  alerts: Alert[];
}

/** The table takes finite numbers only: NaN becomes 0 and an infinite value the largest finite one. */
const finite = (x: number): number => (Number.isNaN(x) ? 0 : Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, x)));

export function driftStatRow(row: Omit<DriftStatRow, 'drifted' | 'details'> & { drifted: boolean; details: Record<string, unknown> }): DriftStatRow {
  return {
    computed_at: row.computed_at, tenant: row.tenant, monitor: row.monitor, subject: row.subject,
    statistic: finite(row.statistic), threshold: finite(row.threshold), drifted: row.drifted ? 1 : 0, details: JSON.stringify(row.details),
  };
}
