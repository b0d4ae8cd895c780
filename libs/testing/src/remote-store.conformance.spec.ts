import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '@prefstream/clickhouse';
import { startClickHouseHttpTestServer, type ClickHouseHttpTestServer } from './clickhouse-http-server';
import { describeStoreConformance } from './store-conformance';

// chdb allows one data directory per process, so one test server serves every test in this file.
let server: ClickHouseHttpTestServer;
const remote = (over: { user?: string; password?: string; database?: string } = {}) =>
  openStore({ kind: 'remote', url: server.url, user: 'prefstream', password: 'secret', database: 'prefstream_conformance', ...over });

beforeAll(async () => {
  server = await startClickHouseHttpTestServer({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'store-remote-')), user: 'prefstream', password: 'secret' });
});
afterAll(() => server?.close());

describeStoreConformance('remote (@clickhouse/client over HTTP)', () => remote());

describe('remote driver outages and auth', () => {
  it('reports an unreachable server as retriable, and works again when it is back', async () => {
    const store: Store = await remote();
    try {
      await server.stop();
      await expect(store.query('SELECT 1 AS one')).rejects.toMatchObject({ retriable: true, code: 'CLICKHOUSE_UNAVAILABLE' });
      await server.start();
      await expect(store.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('rejects wrong credentials as not retriable', async () => {
    await expect(remote({ password: 'wrong' })).rejects.toMatchObject({ retriable: false, clickhouseCode: 516 });
  });
});
