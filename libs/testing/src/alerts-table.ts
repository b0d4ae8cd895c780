import type { Store } from '@prefstream/clickhouse';
import type { Alert } from '@prefstream/monitors';

interface AlertsTableRow {
  alert_id: string;
  raised_at_ms: string | number;
  tenant: string;
  severity: Alert['severity'];
  monitor: string;
  subject: string;
  message: string;
  details: string;
}

/** The alerts table read back as alerts, one per (tenant, alert_id) as FINAL merges them: what the dashboard sees. */
export async function readAlertsTable(store: Store): Promise<Alert[]> {
  const rows = await store.query<AlertsTableRow>(
    `SELECT alert_id, toUnixTimestamp64Milli(raised_at) AS raised_at_ms, tenant, severity, monitor, subject, message, details
     FROM alerts FINAL ORDER BY tenant, alert_id`,
  );
  return rows.map((row) => ({
    alert_id: row.alert_id,
    raised_at: Number(row.raised_at_ms),
    tenant: row.tenant,
    severity: row.severity,
    monitor: row.monitor,
    subject: row.subject,
    message: row.message,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}
