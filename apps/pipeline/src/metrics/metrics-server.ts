import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from './registry';

/** Serves `/metrics` (Prometheus text format) and `/healthz`. Read-only: every other path is 404. */
export async function startMetricsServer(registry: MetricsRegistry, port: number, host = '0.0.0.0'): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET') return void response.writeHead(405).end();
    if (request.url === '/metrics') return void response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(registry.render());
    if (request.url === '/healthz') return void response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`metrics port ${port}: ${error.code === 'EADDRINUSE' ? 'already in use; choose another with --metrics-port (0 picks a free one)' : error.message}`)));
    server.listen(port, host, resolve);
  });
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
