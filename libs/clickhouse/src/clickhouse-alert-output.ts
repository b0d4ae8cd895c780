import { createHash } from 'node:crypto';
import { withRetry, type RetryOptions } from '@prefstream/errors';
import { outputClosedError, type Alert, type AlertOutput } from '@prefstream/monitors';
import { assertRowsFit, type RowOf } from './rows';
import type { Store } from './store';

export interface ClickHouseAlertOutputOptions {
  /** Retries of a failed insert (same dedup token, so a retry after a lost acknowledgement writes nothing twice). */
  retry?: Partial<RetryOptions>;
}

/** An alert as a row of the `alerts` table: details is a JSON string column. */
export function alertRow(alert: Alert): RowOf<'alerts'> {
  return {
    alert_id: alert.alert_id,
    raised_at: alert.raised_at,
    tenant: alert.tenant,
    severity: alert.severity,
    monitor: alert.monitor,
    subject: alert.subject,
    message: alert.message,
    details: JSON.stringify(alert.details),
  };
}

/**
 * The insert's deduplication token: the same set of alert ids (in any order) gives the same token, so
 * a batch sent again within the deduplication window writes nothing. Beyond the window, and for the
 * same alert in a different batch, ReplacingMergeTree on (tenant, alert_id) still keeps one row.
 */
export function alertsDedupToken(alerts: readonly Alert[]): string {
  const ids = [...new Set(alerts.map((a) => a.alert_id))].sort();
  return `alerts/${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 32)}`;
}

/**
 * An alert output that writes to the `alerts` table (what the dashboard and `storedAlertIds` read).
 * The store belongs to the caller: close() stops this output only and leaves the store open.
 */
export function createClickHouseAlertOutput(store: Store, options: ClickHouseAlertOutputOptions = {}): AlertOutput {
  const name = 'clickhouse:alerts';
  let closed = false;
  return {
    name,
    async send(alerts: readonly Alert[]): Promise<void> {
      if (closed) throw outputClosedError(name);
      if (alerts.length === 0) return;
      const rows = alerts.map(alertRow);
      assertRowsFit('alerts', rows, 'INVALID_ALERT');
      const dedupToken = alertsDedupToken(alerts);
      await withRetry(() => store.insert('alerts', rows, { dedupToken }), { retries: 3, initialDelayMs: 200, maxDelayMs: 5000, jitter: 0.2, ...options.retry });
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
