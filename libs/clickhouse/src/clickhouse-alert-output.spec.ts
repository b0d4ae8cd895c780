import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alertId, type Alert } from '@prefstream/monitors';
import { alertsDedupToken, createClickHouseAlertOutput } from './clickhouse-alert-output';
import { EmbeddedStore } from './embedded-store';
import { migrate } from './migrations';
import type { Store } from './store';

// One embedded store for the file (chdb allows one data directory per process); the table is emptied per test.
let store: EmbeddedStore;
beforeAll(async () => {
  store = new EmbeddedStore(fs.mkdtempSync(path.join(os.tmpdir(), 'alert-output-')));
  await migrate(store);
}, 60_000);
afterAll(() => store?.close());
beforeEach(() => store.exec('TRUNCATE TABLE alerts'));

const alert = (scope: string, i: number, over: Partial<Alert> = {}): Alert => {
  const subject = `acme/m1@v2/${scope}-${i}`;
  const raised_at = Date.UTC(2026, 0, 1) + i * 60_000 + 7;
  return { alert_id: alertId('acme', 'drift', subject, raised_at), raised_at, tenant: 'acme', severity: 'warning', monitor: 'drift', subject, message: `m${i}`, details: { i }, ...over };
};
/** Rows as stored, before ReplacingMergeTree merges anything: counts what was actually written. */
const storedRows = async () => Number((await store.query<{ n: string }>('SELECT count() AS n FROM alerts'))[0].n);

describe('createClickHouseAlertOutput', () => {
  it('derives one dedup token per set of alert ids, whatever their order', () => {
    const [a, b, c] = [alert('t', 1), alert('t', 2), alert('t', 3)];
    expect(alertsDedupToken([a, b])).toBe(alertsDedupToken([b, a]));
    expect(alertsDedupToken([a, b])).not.toBe(alertsDedupToken([a, c]));
    expect(alertsDedupToken([a, b])).toMatch(/^alerts\/[0-9a-f]{32}$/);
  });

  it('writes a batch sent twice once (the insert token, not only the merge, deduplicates)', async () => {
    const output = createClickHouseAlertOutput(store);
    const batch = [alert('twice', 1), alert('twice', 2), alert('twice', 3)];
    await output.send(batch);
    await output.send([...batch].reverse());
    expect(await storedRows()).toBe(3);
    await output.send([alert('twice', 4)]);
    expect(await storedRows()).toBe(4);
  });

  it('writes a batch once when its insert is retried after a lost acknowledgement', async () => {
    let failures = 1;
    const flaky: Store = {
      kind: store.kind,
      insert: async (table, rows, options) => {
        await store.insert(table, rows, options); // lands, then the answer is lost
        if (failures-- > 0) throw Object.assign(new Error('connection reset'), { retriable: true });
      },
      query: (sql, params, options) => store.query(sql, params, options),
      exec: (sql, params) => store.exec(sql, params),
      close: async () => undefined,
    };
    await createClickHouseAlertOutput(flaky, { retry: { initialDelayMs: 1 } }).send([alert('lost-ack', 1), alert('lost-ack', 2)]);
    expect(failures).toBe(-1); // it was retried
    expect(await storedRows()).toBe(2);
  });

  it('refuses an alert that does not fit the table, as not retriable, writing nothing of the batch', async () => {
    const output = createClickHouseAlertOutput(store);
    const bad = { ...alert('bad', 2), severity: 'fatal' } as unknown as Alert;
    await expect(output.send([alert('bad', 1), bad])).rejects.toMatchObject({ code: 'INVALID_ALERT', retriable: false, message: expect.stringContaining('severity') });
    expect(await storedRows()).toBe(0);
  });

  it('leaves the store open on close (the caller owns it), and refuses sends afterwards', async () => {
    const output = createClickHouseAlertOutput(store);
    await output.close();
    await expect(output.send([alert('closed', 1)])).rejects.toMatchObject({ code: 'OUTPUT_CLOSED', retriable: false });
    await expect(store.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});
