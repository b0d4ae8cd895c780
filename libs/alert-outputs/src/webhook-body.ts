import type { Alert } from '@prefstream/monitors';

export type WebhookFormat = 'prefstream' | 'slack';

/** Lines in one Slack message; more would be a wall of text nobody reads (the alerts table has them all). */
export const SLACK_MAX_LINES = 50;

/** One line a person on call reads: `[critical] unsafe-preference acme global/vote/toxicity: message`. */
export function slackLine(alert: Alert): string {
  const scope = alert.tenant ? `${alert.tenant} ` : ''; // '' is about all tenants: nothing to print
  const line = `[${alert.severity}] ${alert.monitor} ${scope}${alert.subject}: ${alert.message}`.replace(/\s*[\r\n]+\s*/g, ' ');
  // Slack reads &, < and > as markup (links, mentions); these three are the ones its docs say to escape.
  return line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackText(alerts: readonly Alert[]): string {
  const lines = alerts.slice(0, SLACK_MAX_LINES).map(slackLine);
  const more = alerts.length - SLACK_MAX_LINES;
  if (more > 0) lines.push(`... and ${more} more alert${more === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/**
 * The request body of one delivery. `prefstream`: the alerts as they are (`{"alerts":[...]}`), for
 * receivers that dedupe on alert_id; `slack`: `{"text"}` for Slack- and Teams-style incoming webhooks.
 */
export function webhookBody(alerts: readonly Alert[], format: WebhookFormat): string {
  return format === 'slack' ? JSON.stringify({ text: slackText(alerts) }) : JSON.stringify({ alerts });
}
