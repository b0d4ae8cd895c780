import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClickHouseAlertOutput, EmbeddedStore, migrate, type Store } from '@prefstream/clickhouse';
import { describeAlertOutputConformance } from './alert-output-conformance';
import { readAlertsTable } from './alerts-table';

// chdb allows one data directory per process: one store for the file, the alerts table emptied per case.
let store: Store;
beforeAll(async () => {
  store = new EmbeddedStore(fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-embedded-')));
  await migrate(store);
}, 60_000);
afterAll(() => store?.close());

describeAlertOutputConformance('clickhouse alerts table (embedded chdb)', async () => {
  await store.exec('TRUNCATE TABLE alerts');
  const output = createClickHouseAlertOutput(store);
  return { output, received: () => readAlertsTable(store), teardown: () => output.close() };
});
