import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouseAlertOutput, migrate, openStore, type Store } from '@prefstream/clickhouse';
import { describeAlertOutputConformance } from './alert-output-conformance';
import { readAlertsTable } from './alerts-table';
import { startClickHouseHttpTestServer, type ClickHouseHttpTestServer } from './clickhouse-http-server';

// The remote driver (@clickhouse/client) over real HTTP to the test server in front of chdb.
let server: ClickHouseHttpTestServer;
let store: Store;
beforeAll(async () => {
  server = await startClickHouseHttpTestServer({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-remote-')), user: 'prefstream', password: 'secret' });
  store = await openStore({ kind: 'remote', url: server.url, user: 'prefstream', password: 'secret', database: 'prefstream_alerts' });
  await migrate(store);
}, 60_000);
afterAll(async () => {
  await store?.close();
  await server?.close();
});

describeAlertOutputConformance('clickhouse alerts table (remote over HTTP)', async () => {
  await store.exec('TRUNCATE TABLE alerts');
  const output = createClickHouseAlertOutput(store);
  return { output, received: () => readAlertsTable(store), teardown: () => output.close() };
});
