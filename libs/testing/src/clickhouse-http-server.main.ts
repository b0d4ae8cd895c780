// Runs the ClickHouse HTTP test server as its own process, so several pipeline processes can share one:
//   node bin/run-ts.js libs/testing/src/clickhouse-http-server.main.ts --port 8123 --data-dir /tmp/ch
import { parseArgs } from 'node:util';
import { startClickHouseHttpTestServer } from './clickhouse-http-server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' }, user: { type: 'string' }, password: { type: 'string' } } });
if (!values['data-dir']) {
  console.error('usage: clickhouse-http-server.main.ts --data-dir DIR [--port N] [--user U --password P]');
  process.exit(2);
}
startClickHouseHttpTestServer({ dataDir: values['data-dir'], port: Number(values.port), user: values.user, password: values.password }).then((server) => {
  console.log(JSON.stringify({ listening: server.url, port: server.port }));
  // While "stopped" for an outage drill nothing else keeps the event loop alive: this does, until SIGTERM.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const shutdown = () => void server.close().then(() => {
    clearInterval(keepAlive);
    process.exit(0);
  });
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Outage drills: SIGUSR1 stops listening (connections refused), SIGUSR2 listens again on the same port.
  process.on('SIGUSR1', () => void server.stop().then(() => console.log(JSON.stringify({ stopped: true }))));
  process.on('SIGUSR2', () => void server.start().then(() => console.log(JSON.stringify({ started: true }))));
});
