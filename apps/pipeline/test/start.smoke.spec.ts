import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, metricSum, sleep, waitFor } from './harness';

// `npm start` as a newcomer runs it: in a fresh directory, it must bring up the broker, the pipeline and
// demo traffic, serve metrics, stop cleanly on Ctrl-C, and leave a store that `prefstream query` reads.
jest.setTimeout(120000);

it('prefstream start runs everything locally and stops cleanly on SIGINT', async () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'start-'));
  const bin = path.join(ROOT, 'apps', 'pipeline', 'bin', 'prefstream.js');
  const metricsPort = 38000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, [bin, 'start', '--kafka-port', '0', '--metrics-port', String(metricsPort), '--rate', '300'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const accepted = await waitFor(async () => {
    const text = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.text()).catch(() => '');
    const n = metricSum(text, 'prefstream_events_accepted_total');
    return n > 200 ? n : undefined;
  }, 'demo traffic to be processed', 90000);
  expect(accepted).toBeGreaterThan(200);
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(log).toMatch(/SIGINT: stopping/);
  await sleep(100);
  const query = spawn(process.execPath, [bin, 'query', '--json', 'SELECT count() AS n FROM raw_events'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  query.stdout.on('data', (c) => (out += c));
  expect(await new Promise((resolve) => query.once('exit', resolve))).toBe(0);
  expect(Number(JSON.parse(out).n)).toBeGreaterThanOrEqual(accepted);
});
