import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { API_ROUTES, BadRequest, type ApiContext } from './api';
import type { DashboardQueryRunner } from './queries';

export interface DashboardOptions {
  /** Runs a named read-only query (bound by the caller to its store). */
  query: DashboardQueryRunner;
  /** The clock the windows are relative to (tests pin it). */
  now?: () => number;
  /** Identical API requests within this many ms share one answer, so many open tabs cost one set of queries. Default 1000; 0 disables. */
  cacheMs?: number;
  log?: (level: string, message: string) => void;
}

export interface DashboardServerOptions extends DashboardOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1 (the dashboard has no authentication: expose it deliberately). */
  host?: string;
}

export interface DashboardServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const STATIC_DIR = path.join(__dirname, 'static');
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

/** Nothing the page loads comes from elsewhere, and nothing inline runs. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}
const sendJson = (res: http.ServerResponse, status: number, value: unknown, extra?: Record<string, string>) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);

/**
 * The dashboard as a request listener: the static page and the JSON API. Read-only by construction: it
 * holds no store, only a runner of named read-only queries, and answers anything but GET with 405.
 */
export function createDashboardHandler(options: DashboardOptions): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const context: ApiContext = { query: options.query, now: options.now ?? Date.now };
  const files = Object.fromEntries(Object.entries(STATIC_FILES).map(([route, f]) => [route, { body: fs.readFileSync(path.join(STATIC_DIR, f.file)), type: f.type }]));
  const cacheMs = options.cacheMs ?? 1000;
  const cache = new Map<string, { at: number; answer: Promise<{ status: number; body: unknown }> }>();
  const answer = (route: string, url: URL): Promise<{ status: number; body: unknown }> => {
    const run = () => API_ROUTES[route](context, url.searchParams).then(
      (body) => ({ status: 200, body }),
      (error: Error) => {
        if (error instanceof BadRequest) return { status: 400, body: { error: error.message } };
        options.log?.('warn', `dashboard ${route}: ${error.message}`);
        return { status: 503, body: { error: `the store did not answer: ${error.message}` } };
      },
    );
    if (cacheMs <= 0) return run();
    const key = route + url.search;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < cacheMs) return hit.answer;
    for (const [k, v] of cache) if (now - v.at >= cacheMs) cache.delete(k);
    const fresh = run();
    cache.set(key, { at: now, answer: fresh });
    return fresh;
  };
  return (req, res) => {
    if (req.method !== 'GET') {
      // Drain any body so the connection stays usable, then refuse: there is no write path.
      req.resume();
      sendJson(res, 405, { error: 'the dashboard is read-only: only GET is allowed' }, { allow: 'GET' });
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    } catch {
      sendJson(res, 400, { error: 'malformed request target' });
      return;
    }
    const file = files[url.pathname];
    if (file) return send(res, 200, file.type, file.body);
    if (Object.hasOwn(API_ROUTES, url.pathname)) {
      void answer(url.pathname, url).then(({ status, body }) => sendJson(res, status, body));
      return;
    }
    sendJson(res, 404, { error: `no such page: ${url.pathname.slice(0, 100)}`, endpoints: Object.keys(API_ROUTES) });
  };
}

/** Starts the dashboard on host:port; resolves once it listens. */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const server = http.createServer(createDashboardHandler(options));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
