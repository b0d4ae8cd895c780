import { PrefstreamError } from '@prefstream/errors';
import { BatchingWriter, chunk } from './batching-writer';
import type { Store } from './store';

/** Unit test with a recording fake (the real drivers are covered by the conformance suite in libs/testing). */
function recordingStore(failures = 0) {
  const inserts: { table: string; rows: number; token?: string }[] = [];
  let left = failures;
  const store: Store = {
    kind: 'embedded',
    insert: async (table, rows, options) => {
      if (left-- > 0) throw new PrefstreamError('busy', { code: 'BUSY', retriable: true });
      inserts.push({ table, rows: rows.length, token: options?.dedupToken });
    },
    query: async () => [],
    exec: async () => undefined,
    close: async () => undefined,
  };
  return { store, inserts };
}
const row = (i: number) => ({ reason: 'not_json', message: `m${i}`, raw_base64: '', raw_bytes: 0, source: 's', ingested_at: i });

describe('BatchingWriter', () => {
  it('flushes on size', async () => {
    const { store, inserts } = recordingStore();
    const writer = new BatchingWriter(store, { maxRows: 3, flushIntervalMs: 1e9 });
    const a = writer.write('rejected_events', [row(1), row(2)]);
    expect(inserts).toHaveLength(0);
    await Promise.all([a, writer.write('rejected_events', [row(3)])]);
    expect(inserts).toEqual([{ table: 'rejected_events', rows: 3, token: undefined }]);
    await writer.close();
  });

  it('flushes on the interval', async () => {
    const { store, inserts } = recordingStore();
    const writer = new BatchingWriter(store, { maxRows: 100, flushIntervalMs: 5 });
    await writer.write('rejected_events', [row(1)]);
    expect(inserts).toHaveLength(1);
    await writer.close();
  });

  it('flushes on close and then refuses writes', async () => {
    const { store, inserts } = recordingStore();
    const writer = new BatchingWriter(store, { maxRows: 100, flushIntervalMs: 1e9 });
    const pending = writer.write('rejected_events', [row(1)]);
    await writer.close();
    await pending;
    expect(inserts).toHaveLength(1);
    await expect(writer.write('rejected_events', [row(2)])).rejects.toMatchObject({ code: 'WRITER_CLOSED' });
  });

  it('splits a large tokened batch into deterministic chunks and retries with the same tokens', async () => {
    const { store, inserts } = recordingStore(2);
    const writer = new BatchingWriter(store, { maxRows: 2, flushIntervalMs: 1e9, retry: { initialDelayMs: 1 } });
    await writer.write('rejected_events', [row(1), row(2), row(3), row(4), row(5)], { dedupToken: 'p/0/10-14/rejected_events' });
    expect(inserts.map((i) => [i.rows, i.token])).toEqual([[2, 'p/0/10-14/rejected_events/0'], [2, 'p/0/10-14/rejected_events/1'], [1, 'p/0/10-14/rejected_events/2']]);
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual(chunk([1, 2, 3, 4, 5], 2));
    await writer.close();
  });

  it('refuses an invalid row before buffering it', async () => {
    const { store } = recordingStore();
    const writer = new BatchingWriter(store, { maxRows: 10, flushIntervalMs: 1e9 });
    expect(() => writer.write('rejected_events', [{ ...row(1), raw_bytes: -1 }])).toThrow(/row 0 for rejected_events is invalid: raw_bytes/);
    await writer.close();
  });

  it('rejects the write when the store keeps failing with a non-retriable error', async () => {
    const store: Store = { ...recordingStore().store, insert: async () => { throw new PrefstreamError('bad sql', { code: 'X', retriable: false }); } };
    const writer = new BatchingWriter(store, { maxRows: 1, flushIntervalMs: 1e9 });
    await expect(writer.write('rejected_events', [row(1)])).rejects.toThrow('bad sql');
    await writer.close();
  });
});
