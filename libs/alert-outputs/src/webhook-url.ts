import { PrefstreamError } from '@prefstream/errors';

/**
 * Parses and checks a webhook URL once, at creation, so a typo fails at start-up rather than on the
 * first alert. Messages never echo the URL: incoming-webhook URLs (Slack, Teams) carry their secret in
 * the path, so only the length of a bad value is reported.
 */
export function parseWebhookUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PrefstreamError(`webhook url is not a valid URL (got a value of ${value.length} characters)`, { code: 'INVALID_WEBHOOK_URL', retriable: false });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PrefstreamError(`webhook url must be http or https (got ${url.protocol.slice(0, 16)})`, { code: 'INVALID_WEBHOOK_URL', retriable: false });
  }
  return url;
}

/** What logs and errors may say about a webhook: its host, never its path or query (they may hold a token). */
export const webhookName = (url: URL): string => `webhook:${url.host}`;
