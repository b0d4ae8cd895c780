import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, openStore } from '@prefstream/clickhouse';
import { aggregateRow, MINUTE, PREFSTREAM_BIN, temporaryDir, waitFor } from './fixtures';

// The commands that serve the dashboard, as processes: `prefstream dashboard` over a store directory, and
// `prefstream start`, whose dashboard reads the pipeline's own store object while the pipeline writes it.
jest.setTimeout(150_000);

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], cwd: string): Running {
  const child = spawn(process.execPath, [PREFSTREAM_BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (c) => (log += c));
  child.stderr!.on('data', (c) => (log += c));
  return { child, output: () => log, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

const dashboardUrl = (p: Running) => waitFor(() => /dashboard \(read-only\) on (http:\/\/\S+)/.exec(p.output())?.[1], `the dashboard URL in the log:\n${p.output()}`, 90_000);
const json = async (url: string) => (await fetch(url)).json() as Promise<{ models: { model: string; model_version: string; responses: number; thumbs: { rate: number | null } }[] }>;

it('prefstream dashboard serves a store directory read-only, and stops cleanly on SIGINT', async () => {
  const dir = temporaryDir('dashboard-cli-');
  const storeDir = path.join(dir, 'store');
  const minute = Math.floor(Date.now() / MINUTE) * MINUTE;
  // Written here and closed: the embedded store admits one process at a time.
  const store = await openStore({ kind: 'embedded', dataDir: storeDir });
  await migrate(store);
  await store.insert('minute_aggregates', [aggregateRow({ tenant: 'acme', model: 'alpha', version: 'v1', minute, responses: 9, up: 3, down: 1 })]);
  await store.close();
  const p = run(['dashboard', '--store', storeDir, '--port', '0'], dir);
  try {
    const url = await dashboardUrl(p);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const body = await json(new URL('/api/models?tenant=acme', url).href);
    expect(body.models.map((m) => [m.model, m.model_version, m.responses, m.thumbs.rate])).toEqual([['alpha', 'v1', 9, 0.75]]);
    expect((await fetch(url)).headers.get('content-type')).toMatch(/^text\/html/);
    const post = await fetch(new URL('/api/models', url), { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
  } finally {
    p.child.kill('SIGINT');
  }
  expect(await p.exited).toBe(0);
  expect(p.output()).toMatch(/SIGINT: stopping the dashboard/);
  fs.rmSync(dir, { recursive: true, force: true });
});

it('prefstream dashboard refuses a malformed port', async () => {
  const p = run(['dashboard', '--port', 'http'], temporaryDir('dashboard-cli-'));
  expect(await p.exited).toBe(2);
  expect(p.output()).toMatch(/--port must be a port number/);
});

it('prefstream start serves the dashboard on the pipeline\'s store and prints its URL', async () => {
  const cwd = temporaryDir('dashboard-start-');
  const dashboardPort = 39000 + Math.floor(Math.random() * 1000);
  const p = run(['start', '--kafka-port', '0', '--metrics-port', '0', '--dashboard-port', String(dashboardPort), '--rate', '300'], cwd);
  try {
    const url = await dashboardUrl(p);
    // The port asked for, unless it was taken (then a free one, and the log says so).
    if (!p.output().includes('is in use')) expect(url).toBe(`http://127.0.0.1:${dashboardPort}/`);
    const tenants = await waitFor(async () => {
      const body = (await (await fetch(new URL('/api/tenants', url))).json()) as { tenants: { tenant: string; responses: number }[] };
      return body.tenants.length > 0 && body.tenants;
    }, 'the demo traffic to reach the aggregates', 90_000);
    expect(tenants[0].tenant).toBe('acme');
    const body = await json(new URL('/api/models?tenant=acme&minutes=15', url).href);
    expect(body.models.length).toBeGreaterThan(0);
    expect(body.models.reduce((a, m) => a + m.responses, 0)).toBeGreaterThan(0);
    // The pipeline holds the embedded store: a second process cannot open it, and says what to do instead.
    const second = run(['dashboard', '--port', '0'], cwd);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/cannot open the embedded store \.prefstream\/store: .*use the dashboard that `prefstream start` serves/);
  } finally {
    p.child.kill('SIGINT');
  }
  expect(await p.exited).toBe(0);
  expect(p.output()).toMatch(/SIGINT: stopping/);
  fs.rmSync(cwd, { recursive: true, force: true });
});
