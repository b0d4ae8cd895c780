import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.join(__dirname, '..', '..', '..', '..');
/** Linux's USER_HZ and page size on the machines this runs on (getconf CLK_TCK, PAGESIZE). */
const CLOCK_TICKS = 100;
const PAGE_BYTES = 4096;

/** A `prefstream run` process, watched through its log, its /metrics endpoint and /proc. */
export interface PipelineProcess {
  readonly child: ChildProcess;
  /** Sum of the counters named (whole metric names), 0 while the endpoint is not up. */
  counter(...names: string[]): Promise<number>;
  /** The last lines the process logged (for the error when it dies). */
  logTail(chars?: number): string;
  /** Resident set size of the process now, bytes (from /proc). */
  rssBytes(): number;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** Resolves once the log says the consumer got partitions. */
  assigned(timeoutMs?: number): Promise<void>;
  /** Resolves with the first capture of `pattern` once it appears in the log. */
  logged(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

/** Node flags for the pipeline processes, e.g. `PREFSTREAM_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=tmp/prof"` to profile them. */
const nodeArgs = () => (process.env.PREFSTREAM_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Starts `prefstream run` with metrics on a free port; `args` add to or override the defaults. */
export function startPipelineProcess(options: { brokers: string; topic: string; group: string; args?: string[]; env?: Record<string, string> }): PipelineProcess {
  const store = options.args?.includes('--clickhouse-url') ? [] : ['--store', fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'))];
  const child = spawn(
    process.execPath,
    [...nodeArgs(), 'apps/pipeline/bin/prefstream.js', 'run', '--brokers', options.brokers, '--topic', options.topic, '--group', options.group, '--metrics-port', '0', '--dlq-topic', `${options.topic}.dlq`,
      // The analysis loop off: the benchmarks measure ingestion (docs/benchmarks.md's figures were taken without it).
      ...(options.args?.includes('--analysis-every-ms') ? [] : ['--analysis-every-ms', '0']), ...store, ...(options.args ?? [])],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let log = '';
  const append = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-200_000));
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const metricsPort = () => Number(/metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(log)?.[1] ?? 0);
  const procStat = () => fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return {
    child,
    async counter(...names) {
      if (!metricsPort()) return 0;
      const text = await fetch(`http://127.0.0.1:${metricsPort()}/metrics`).then((r) => r.text()).catch(() => '');
      return text.split('\n').filter((line) => names.some((n) => line.startsWith(`${n}{`) || line.startsWith(`${n} `))).reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    },
    logTail: (chars = 3000) => log.slice(-chars),
    rssBytes: () => Number(procStat()[21]) * PAGE_BYTES,
    cpuSeconds: () => {
      const stat = procStat();
      return (Number(stat[11]) + Number(stat[12])) / CLOCK_TICKS;
    },
    async assigned(timeoutMs = 60_000) {
      await this.logged(/(assigned .*\/\d)/, timeoutMs);
    },
    async logged(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(log);
        if (match) return match[1];
        if (child.exitCode !== null) throw new Error(`prefstream run exited with ${child.exitCode}:\n${this.logTail()}`);
        if (Date.now() > deadline) throw new Error(`prefstream run logged no ${pattern} within ${timeoutMs} ms:\n${this.logTail()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The ClickHouse HTTP test server (chdb behind ClickHouse's HTTP interface) in its own process. */
export async function startHttpServer(): Promise<{ url: string; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ch-http-'));
  const child = spawn(process.execPath, ['bin/run-ts.js', 'libs/testing/src/clickhouse-http-server.main.ts', '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('ClickHouse HTTP test server did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`ClickHouse HTTP test server exited with ${code}`)));
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.includes('"port"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).port as number);
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}
