import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '@prefstream/clickhouse';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const HASH_KEY = 'integration-test-user-hash-key-0123456789';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 300000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** The ClickHouse HTTP test server in its own process (chdb allows one data directory per process). */
export async function startClickHouseProcess(): Promise<{ url: string; pid: number; pause(): Promise<void>; resume(): Promise<void>; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'it-clickhouse-'));
  const child = spawn(process.execPath, ['bin/run-ts.js', 'libs/testing/src/clickhouse-http-server.main.ts', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (c) => {
    buffer += c;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  const port = await waitFor(() => lines.map((l) => JSON.parse(l)).find((l) => l.port)?.port as number | undefined, 'the ClickHouse test server', 30000);
  const expectLine = async (key: string) => {
    const before = lines.filter((l) => l.includes(key)).length;
    await waitFor(() => lines.filter((l) => l.includes(key)).length > before, key, 10000);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    pause: async () => {
      child.kill('SIGUSR1');
      await expectLine('stopped');
    },
    resume: async () => {
      child.kill('SIGUSR2');
      await expectLine('started');
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface PipelineProcess {
  child: ChildProcess;
  metricsPort: number;
  log: string[];
  exited: Promise<number | null>;
  metrics(): Promise<string>;
  rssMb(): number;
}


/** `prefstream run` as a real process, as it runs in production. */
export function startPipeline(options: { brokers: string; topic: string; group: string; clickhouseUrl: string; database: string; extra?: string[] }): PipelineProcess {
  // Port 0: the process picks a free port and logs it (fixed ports collide with other test runs).
  const child = spawn(process.execPath, ['apps/pipeline/bin/prefstream.js', 'run', '--brokers', options.brokers, '--topic', options.topic, '--group', options.group, '--clickhouse-url', options.clickhouseUrl, '--clickhouse-database', options.database, '--metrics-port', '0', '--session-timeout-ms', '4000', '--dlq-topic', `${options.topic}.dlq`,
    // The ingestion tests measure delivery, not classifiers: models off unless a test asks for them.
    ...(options.extra?.includes('--stream-models') ? [] : ['--stream-models', 'none']),
    // Nor the analysis loop (ratings, effects, monitors): its own tests turn it on.
    ...(options.extra?.includes('--analysis-every-ms') ? [] : ['--analysis-every-ms', '0']),
    // Snapshots every 2 s (default 30 s) so kills land between snapshots many times per test.
    '--snapshot-every-ms', '2000', ...(options.extra ?? [])], {
    cwd: ROOT,
    env: { ...process.env, PREFSTREAM_USER_HASH_KEY: HASH_KEY, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (c) => log.push(String(c)));
  child.stderr!.on('data', (c) => log.push(String(c)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const metricsPort = () => Number(/metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(log.join(''))?.[1] ?? 0);
  return {
    child,
    get metricsPort() {
      return metricsPort();
    },
    log,
    exited,
    metrics: async () => {
      if (!metricsPort()) return '';
      try {
        return await (await fetch(`http://127.0.0.1:${metricsPort()}/metrics`)).text();
      } catch {
        return '';
      }
    },
    rssMb: () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
  };
}

export async function openTestStore(url: string, database: string): Promise<Store> {
  return openStore({ kind: 'remote', url, database });
}

/** Sum of a metric's samples in Prometheus text, optionally filtered by a label substring. */
export function metricSum(text: string, name: string, labelFilter = ''): number {
  return text.split('\n').filter((l) => l.startsWith(name) && l.includes(labelFilter)).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}
