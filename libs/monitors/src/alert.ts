import { createHash } from 'node:crypto';
import { PrefstreamError } from '@prefstream/errors';

export type AlertSeverity = 'info' | 'warning' | 'critical';
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/**
 * One alert raised by a monitor. Plain JSON, so every output (the alerts table, a webhook, a Kafka topic)
 * carries the same fields. `alert_id` is deterministic: the same episode of the same condition always has
 * the same id, so a monitor that re-evaluates after a restart re-raises nothing new, and every output can
 * deduplicate on it.
 */
export interface Alert {
  alert_id: string;
  /** Epoch ms: the event time of the evidence that raised it (the closed minute, the snapshot time), not the wall clock. */
  raised_at: number;
  /** '' when the alert is about all tenants (a global rating or effect scope). */
  tenant: string;
  severity: AlertSeverity;
  /** Which monitor raised it: 'drift', 'unsafe-preference', 'preference-shift', ... */
  monitor: string;
  /** What it is about, e.g. `acme/m1@v2/implicit_reward` or `global/vote/toxicity`. */
  subject: string;
  /** One sentence a person on call can act on. */
  message: string;
  /** The evidence (statistic, threshold, counts, intervals), JSON-serialisable. */
  details: Record<string, unknown>;
}

/**
 * A place alerts are delivered to (an output, in Redpanda Connect's terms). Delivery is at least once:
 * `send` may be called again with alerts it already delivered (after a restart or a retry), and receivers
 * deduplicate on `alert_id`. Errors carry a `retriable` flag (see @prefstream/errors).
 */
export interface AlertOutput {
  readonly name: string;
  send(alerts: readonly Alert[]): Promise<void>;
  close(): Promise<void>;
}

/** The id of one episode of a condition: same tenant, monitor, subject and episode start give the same id. */
export function alertId(tenant: string, monitor: string, subject: string, episodeStartMs: number): string {
  return createHash('sha256').update(`${tenant}\n${monitor}\n${subject}\n${episodeStartMs}`).digest('hex').slice(0, 32);
}

/** An alert of one episode: its id from (tenant, monitor, subject, episode start), raised at the episode start unless said otherwise. */
export function episodeAlert(alert: Omit<Alert, 'alert_id' | 'raised_at'> & { episodeStartMs: number; raisedAt?: number }): Alert {
  const { episodeStartMs, raisedAt, ...rest } = alert;
  return { alert_id: alertId(rest.tenant, rest.monitor, rest.subject, episodeStartMs), raised_at: raisedAt ?? episodeStartMs, ...rest };
}

/** What every output throws on a send after close(). */
export const outputClosedError = (name: string): PrefstreamError => new PrefstreamError(`${name} is closed`, { code: 'OUTPUT_CLOSED', retriable: false });
