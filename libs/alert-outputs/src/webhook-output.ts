import { PrefstreamError, withRetry } from '@prefstream/errors';
import { outputClosedError, type Alert, type AlertOutput } from '@prefstream/monitors';
import { parseRetryAfter } from './retry-after';
import { webhookBody, type WebhookFormat } from './webhook-body';
import { isRetriableStatus, WebhookDeliveryError } from './webhook-error';
import { SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from './webhook-signature';
import { parseWebhookUrl, webhookName } from './webhook-url';

export type WebhookLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface WebhookAlertOutputOptions {
  /** http(s) only; checked here, at creation. Treated as a secret: logs and errors name only its host. */
  url: string;
  /** Signs every body (X-Prefstream-Signature) so the receiver can tell the alerts came from us. */
  secret?: string;
  /** Per attempt, headers and body included. */
  timeoutMs?: number;
  /** Attempts after the first one. */
  retries?: number;
  format?: WebhookFormat;
  /** Extra request headers (an auth token, a routing key); they cannot replace the ones this output sets. */
  headers?: Record<string, string>;
  log?: WebhookLog;
  /** Backoff before the first retry, doubling up to maxDelayMs (tests make these short). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After honoured; a receiver asking for more is tried again after this long. */
  maxRetryAfterMs?: number;
}

const RESPONSE_SNIPPET_CHARS = 200;

/**
 * An alert output that POSTs each batch as one JSON body to an HTTP endpoint. Network errors, timeouts,
 * 5xx, 429 and 408 are retried (at least once delivery: a receiver may see a batch twice and dedupes on
 * alert_id); any other 4xx fails at once with WEBHOOK_REJECTED, since sending the same body again
 * cannot fix it.
 */
export function createWebhookAlertOutput(options: WebhookAlertOutputOptions): AlertOutput {
  const url = parseWebhookUrl(options.url);
  if (options.secret === '') throw new PrefstreamError('webhook secret is empty: leave it unset to send unsigned bodies', { code: 'INVALID_WEBHOOK_SECRET', retriable: false });
  const name = webhookName(url);
  const { secret, log } = options;
  const format = options.format ?? 'prefstream';
  const timeoutMs = options.timeoutMs ?? 5000;
  const retries = options.retries ?? 4;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  // Closing aborts an in-flight request and any backoff wait, so shutdown is not held up by a dead receiver.
  const closing = new AbortController();
  const closedError = () => outputClosedError(name);

  async function postOnce(body: string, signature: string | undefined): Promise<void> {
    if (closing.signal.aborted) throw closedError();
    // Headers.set is case-insensitive, so an extra header spelt in any case cannot replace ours.
    const headers = new Headers(options.headers);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.set('User-Agent', 'prefstream-alerts');
    headers.set(TIMESTAMP_HEADER, String(Date.now()));
    if (signature) headers.set(SIGNATURE_HEADER, signature);
    else headers.delete(SIGNATURE_HEADER);
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]);
    let response: Response;
    try {
      // No redirects: following one would post the signed body to wherever the receiver points.
      response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'error' });
    } catch (error) {
      throw requestFailure(error);
    }
    if (response.ok) {
      await response.body?.cancel().catch(() => undefined); // nothing to read; frees the connection
      return;
    }
    // The URL's path and query often are the token (Slack, Teams); an error page may echo them back.
    const snippet = redactUrl((await response.text().catch(() => '')).slice(0, RESPONSE_SNIPPET_CHARS), url);
    const retriable = isRetriableStatus(response.status);
    throw new WebhookDeliveryError(`${name} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${snippet}`, {
      code: retriable ? 'WEBHOOK_UNAVAILABLE' : 'WEBHOOK_REJECTED',
      retriable,
      status: response.status,
      retryAfterMs: retriable ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
    });
  }

  function requestFailure(error: unknown): PrefstreamError {
    if (closing.signal.aborted) return closedError();
    // Duck-typed: fetch's errors (a DOMException on timeout, a TypeError with a cause) may come from
    // another realm than this module's Error (under jest, for one), so instanceof is unreliable.
    const { name: errorName, cause } = (error ?? {}) as { name?: unknown; cause?: { message?: unknown } };
    if (errorName === 'TimeoutError') {
      return new WebhookDeliveryError(`${name} did not answer within ${timeoutMs} ms`, { code: 'WEBHOOK_TIMEOUT', retriable: true, cause: error });
    }
    const detail = typeof cause?.message === 'string' ? cause.message : String((error as { message?: unknown })?.message ?? error);
    return new WebhookDeliveryError(`${name} is unreachable: ${detail}`, { code: 'WEBHOOK_UNREACHABLE', retriable: true, cause: error });
  }

  /** The backoff wait, stretched to what Retry-After asked for, cut short by close(). */
  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        closing.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      closing.signal.addEventListener('abort', done, { once: true });
    });
  }

  return {
    name,
    async send(alerts: readonly Alert[]): Promise<void> {
      if (closing.signal.aborted) throw closedError();
      if (alerts.length === 0) return;
      // One body for every attempt: the signature covers these exact bytes.
      const body = webhookBody(alerts, format);
      const signature = secret === undefined ? undefined : signWebhookBody(secret, body);
      let askedDelayMs = 0;
      await withRetry(() => postOnce(body, signature), {
        retries,
        initialDelayMs: options.initialDelayMs ?? 500,
        maxDelayMs: options.maxDelayMs ?? 30_000,
        jitter: 0.2,
        signal: closing.signal,
        onRetry: (attempt, error, delayMs) => {
          const retryAfter = error instanceof WebhookDeliveryError ? error.retryAfterMs : undefined;
          askedDelayMs = Math.min(retryAfter ?? 0, maxRetryAfterMs);
          const message = error instanceof Error ? error.message : String(error);
          log?.('warn', `${name}: delivering ${alerts.length} alert(s) failed (${message}); retry ${attempt}/${retries} in ${Math.max(delayMs, askedDelayMs)} ms`);
        },
        sleep: (delayMs) => {
          const ms = Math.max(delayMs, askedDelayMs);
          askedDelayMs = 0;
          return wait(ms);
        },
      });
    },
    async close(): Promise<void> {
      closing.abort();
    },
  };
}

/** The text with the URL's path and query (where incoming-webhook tokens live) replaced. */
export function redactUrl(text: string, url: URL): string {
  let out = text;
  for (const secret of [url.pathname + url.search, url.pathname, url.search.slice(1)]) {
    if (secret.length > 1) out = out.split(secret).join('[redacted]');
  }
  return out;
}
