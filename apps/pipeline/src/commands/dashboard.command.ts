import { ClickHouseError, runNamedQuery, type Store } from '@prefstream/clickhouse';
import { startDashboardServer, type DashboardServer } from '@prefstream/dashboard';
import { UsageError, type CliCommand } from '../command';
import { loadConfig } from '../config';
import { DEFAULT_STORE_DIR, openConfiguredStore } from '../store-from-config';
import { createLogger, terminationSignal, type Log } from './run.command';

export const DEFAULT_DASHBOARD_PORT = 8080;

/** A TCP port from a flag; `fallback` when absent. */
export function portFlag(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65535) throw new UsageError(`--${flag} must be a port number (0-65535), got ${JSON.stringify(value)}`);
  return port;
}

/**
 * Serves the dashboard over an open store (which the caller keeps and closes). It gets only a runner of
 * the named read-only queries: no SQL, no write path. If the port is taken and `fallbackToFreePort` is
 * set, a free port is used instead (the URL logged says which).
 */
export async function serveDashboard(store: Store, options: { port: number; host?: string; log: Log; fallbackToFreePort?: boolean }): Promise<DashboardServer> {
  const serve = (port: number) => startDashboardServer({ query: (name, params) => runNamedQuery(store, name, params), port, host: options.host, log: options.log });
  const server = await serve(options.port).catch((error: NodeJS.ErrnoException) => {
    if (!options.fallbackToFreePort || error.code !== 'EADDRINUSE') throw error;
    options.log('warn', `dashboard: port ${options.port} is in use, using a free one`);
    return serve(0);
  });
  options.log('info', `dashboard (read-only) on ${server.url}`);
  return server;
}

/** `prefstream dashboard`: the read-only dashboard alone, against any store. */
export const dashboardCommand: CliCommand = {
  name: 'dashboard',
  summary: 'Serve the read-only real-time dashboard over a store',
  usage: `prefstream dashboard [--store DIR | --clickhouse-url URL] [--port ${DEFAULT_DASHBOARD_PORT}] [--host 127.0.0.1]   (--port 0: any free port)`,
  usesConfig: true,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ values, env, stdout, stderr }) {
    const port = portFlag(values.port, 'port', DEFAULT_DASHBOARD_PORT);
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const log = createLogger(config, stdout, stderr);
    // Read-only: no migration (that would be a write); a store without the schema answers with errors the page shows.
    const store = await openConfiguredStore(config, { migrate: false }).catch((error: unknown) => {
      if (config.store.url) throw error;
      // chdb locks an embedded data directory for one process: most likely a pipeline has it open.
      throw new ClickHouseError(`cannot open the embedded store ${config.store.dataDir ?? DEFAULT_STORE_DIR}: ${(error as Error).message}. If a pipeline (\`prefstream start\` or \`run\`) has it open, use the dashboard that \`prefstream start\` serves, or stop the pipeline first.`, undefined, false, error);
    });
    try {
      const server = await serveDashboard(store, { port, host: values.host as string | undefined, log });
      const why = await terminationSignal();
      log('info', `${why}: stopping the dashboard`);
      await server.close();
    } finally {
      await store.close();
    }
    log('info', 'stopped');
    return 0;
  },
};
