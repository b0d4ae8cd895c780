import { runNamedQuery, type Store } from '@prefstream/clickhouse';
import { startDashboardServer, type DashboardServer } from '@prefstream/dashboard';
import { UsageError } from '../command';
import type { Log } from './logger';

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
