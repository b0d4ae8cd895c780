import http from 'node:http';
import type { Store } from '@prefstream/clickhouse';
import { aggregateRow, MINUTE, runnerOf, temporaryStore } from '../test/fixtures';
import type { DashboardQueryRunner } from './queries';
import { startDashboardServer, type DashboardServer } from './server';

const NOW = Math.floor(Date.now() / MINUTE) * MINUTE + 1000;

/** A raw request (fetch refuses some methods, e.g. TRACE, and always adds a body-less GET for HEAD). */
function request(url: string, method: string, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('dashboard server (real chdb)', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let server: DashboardServer;
  beforeAll(async () => {
    ({ store, dispose } = await temporaryStore('dashboard-server-'));
    await store.insert('minute_aggregates', [aggregateRow({ tenant: 'acme', model: 'alpha', version: 'v1', minute: NOW - 1000, responses: 7, up: 3, down: 1 })]);
    server = await startDashboardServer({ query: runnerOf(store), port: 0, now: () => NOW, cacheMs: 0 });
  });
  afterAll(async () => {
    await server.close();
    await dispose();
  });

  it('listens on the loopback interface by default and prints a URL for it', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves the page and its script from itself only, under a strict content security policy', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const script = await fetch(new URL('/app.js', server.url));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const js = await script.text();
    expect(js).toContain("api('/api/models'");
    // Nothing external, and nothing parsed as markup.
    expect(js).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect((await fetch(new URL('/style.css', server.url))).status).toBe(200);
  });

  it('answers the API with JSON from the store', async () => {
    const res = await fetch(new URL('/api/models?tenant=acme&minutes=5', server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { models: { model: string; responses: number; thumbs: { rate: number } }[] };
    expect(body.models.map((m) => [m.model, m.responses, m.thumbs.rate])).toEqual([['alpha', 7, 0.75]]);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])('refuses %s with 405 on every path: there is no write path', async (method) => {
    for (const path of ['/', '/api/models', '/api/alerts', '/nothing']) {
      const res = await request(new URL(path, server.url).href, method, method === 'HEAD' || method === 'OPTIONS' ? undefined : '{"tenant":"acme"}');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
      if (method !== 'HEAD') expect(JSON.parse(res.text).error).toMatch(/read-only/);
    }
    // The store is unchanged.
    const rows = await store.query<{ n: string }>('SELECT count() AS n FROM minute_aggregates');
    expect(Number(rows[0].n)).toBe(1);
  });

  it('answers 404 for unknown paths and 400 for malformed parameters', async () => {
    const missing = await fetch(new URL('/api/drop', server.url));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { endpoints: string[] }).endpoints).toContain('/api/models');
    const bad = await fetch(new URL('/api/models?minutes=-1', server.url));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/minutes/);
    const wide = await fetch(new URL('/api/drift?minutes=2000', server.url));
    expect(wide.status).toBe(400);
    expect(await wide.json()).toEqual({ error: 'minutes must be between 1 and 1440, got 2000' });
  });
});

describe('dashboard server without a store that answers', () => {
  it('answers 503 with the reason, and keeps serving', async () => {
    const failing: DashboardQueryRunner = async () => {
      throw new Error('connection refused');
    };
    const warnings: string[] = [];
    const server = await startDashboardServer({ query: failing, port: 0, cacheMs: 0, log: (_level, message) => warnings.push(message) });
    try {
      const res = await fetch(new URL('/api/models', server.url));
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toMatch(/connection refused/);
      expect(warnings[0]).toMatch(/\/api\/models: connection refused/);
      expect((await fetch(server.url)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('shares one answer between identical requests within the cache period', async () => {
    let calls = 0;
    const counting: DashboardQueryRunner = async () => (calls++, []);
    const server = await startDashboardServer({ query: counting, port: 0, cacheMs: 60_000 });
    try {
      await Promise.all([1, 2, 3].map(() => fetch(new URL('/api/alerts?tenant=a', server.url)).then((r) => r.json())));
      expect(calls).toBe(1);
      await fetch(new URL('/api/alerts?tenant=b', server.url)).then((r) => r.json());
      expect(calls).toBe(2);
    } finally {
      await server.close();
    }
  });
});
