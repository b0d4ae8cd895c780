import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alert } from '@prefstream/monitors';

export interface WebhookTestRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The exact bytes received: what a signature is checked against. */
  body: Buffer;
  receivedAt: number;
}

/** How the receiver answers one request; 'hang' never answers (a stuck receiver). */
export type WebhookTestResponse = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export interface WebhookTestReceiverOptions {
  /** Requests whose X-Prefstream-Signature is not the HMAC-SHA256 of their body under this secret get 401. */
  secret?: string;
  /** Scripted answers, by request number (0-based); 200 when absent or undefined. */
  respond?: (request: WebhookTestRequest, index: number) => WebhookTestResponse | undefined;
  host?: string;
}

export interface WebhookTestReceiver {
  url: string;
  readonly requests: readonly WebhookTestRequest[];
  /** Bodies answered with 2xx, parsed as JSON. */
  accepted(): unknown[];
  /** The alerts of the accepted bodies, the first copy of each alert_id: what a receiver deduping on id keeps. */
  alerts(): Alert[];
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Verified the way a receiver should: HMAC of the raw bytes, compared in constant time. */
function signatureValid(secret: string, body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const actual = Buffer.from(header);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * A real HTTP server standing in for an alert webhook receiver (a pager bridge, Slack): it records every
 * request, checks signatures when given a secret, answers as scripted (errors, Retry-After, hanging) and
 * dedupes accepted alerts on alert_id. Its own HMAC check, so the sender's signing is verified
 * independently of the sender's code. Not for production.
 */
export async function startWebhookTestReceiver(options: WebhookTestReceiverOptions = {}): Promise<WebhookTestReceiver> {
  const requests: WebhookTestRequest[] = [];
  const accepted: unknown[] = [];
  const alerts = new Map<string, Alert>();
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: WebhookTestRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), receivedAt: Date.now() };
      const index = requests.push(request) - 1;
      waiters.forEach((wake) => wake());
      const answer: WebhookTestResponse =
        options.secret !== undefined && !signatureValid(options.secret, request.body, req.headers['x-prefstream-signature'])
          ? { status: 401, body: 'bad signature' }
          : (options.respond?.(request, index) ?? { status: 200, body: 'ok' });
      if (answer === 'hang') return;
      if (answer.status >= 200 && answer.status < 300) {
        let parsed: { alerts?: Alert[] };
        try {
          parsed = JSON.parse(request.body.toString('utf8')) as { alerts?: Alert[] };
        } catch {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end('body is not JSON');
          return;
        }
        accepted.push(parsed);
        for (const alert of parsed.alerts ?? []) if (!alerts.has(alert.alert_id)) alerts.set(alert.alert_id, alert);
      }
      res.writeHead(answer.status, { 'Content-Type': 'text/plain', ...answer.headers }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;

  return {
    url: `http://${address}:${port}/hooks/alerts`,
    requests,
    accepted: () => [...accepted],
    alerts: () => [...alerts.values()],
    waitForRequests(count, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited ${timeoutMs} ms for ${count} webhook requests, got ${requests.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections(); // hanging requests included
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
