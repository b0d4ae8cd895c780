import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore, migrate } from '@prefstream/clickhouse';
import { initialProcessorState, planRecovery, type RangeEntry } from '@prefstream/processing';
import { CheckpointLog } from './checkpoint-log';
import type { OutputStore } from './output-store';

// CheckpointLog on real ClickHouse (chdb): the range log as a first-writer-wins register keyed by `from`.
let store: EmbeddedStore;
beforeAll(async () => {
  store = new EmbeddedStore(fs.mkdtempSync(path.join(os.tmpdir(), 'checkpoint-log-')));
  await migrate(store);
});
afterAll(() => store?.close());

const range = (topic: string, from: string, to: string, idleWatermarkMs?: number): RangeEntry => ({ topic, partition: 0, from, to, ...(idleWatermarkMs ? { idleWatermarkMs } : {}) });
const rangeRows = async (topic: string) =>
  store.query<{ f: string; t: string }>("SELECT toString(from_offset) AS f, toString(to_offset) AS t FROM pipeline_checkpoints WHERE topic = {topic:String} AND kind = 'range' ORDER BY from_offset, written_at", { topic });

describe('CheckpointLog', () => {
  it('keeps the first range logged at a start; a second proposal there reads back the first', async () => {
    const oldOwner = new CheckpointLog(store, 'g');
    const newOwner = new CheckpointLog(store, 'g'); // another process, same consumer group
    expect(await oldOwner.logRange(range('a', '10', '20'))).toEqual(range('a', '10', '20'));
    expect(await newOwner.logRange(range('a', '10', '15'))).toEqual(range('a', '10', '20'));
    expect(await oldOwner.logRange(range('a', '10', '20'))).toEqual(range('a', '10', '20')); // a retry
    expect(await newOwner.logRange(range('a', '21', '25', 1234))).toEqual(range('a', '21', '25', 1234));
    expect(await rangeRows('a')).toEqual([{ f: '10', t: '20' }, { f: '21', t: '25' }]);
    expect((await newOwner.load('a', 0)).ranges).toEqual([range('a', '10', '20'), range('a', '21', '25', 1234)]);
  });

  it('keeps consumer groups, topics and partitions apart', async () => {
    await new CheckpointLog(store, 'g').logRange(range('b', '0', '9'));
    expect(await new CheckpointLog(store, 'other').logRange(range('b', '0', '4'))).toEqual(range('b', '0', '4'));
    expect(await new CheckpointLog(store, 'g').logRange({ ...range('b', '0', '3'), partition: 1 })).toEqual({ ...range('b', '0', '3'), partition: 1 });
    expect(await new CheckpointLog(store, 'g').readRange('b', 0, '0')).toEqual(range('b', '0', '9'));
    expect(await new CheckpointLog(store, 'g').readRange('b', 0, '5')).toBeUndefined();
  });

  it('reads offsets above 2^53 exactly', async () => {
    const log = new CheckpointLog(store, 'g');
    expect(await log.logRange(range('c', '9007199254740993', '9007199254740999'))).toEqual(range('c', '9007199254740993', '9007199254740999'));
    await log.saveSnapshot({ topic: 'c', partition: 0, nextOffset: '9007199254740993', state: initialProcessorState() });
    const loaded = await log.load('c', 0);
    expect(loaded.snapshot?.nextOffset).toBe('9007199254740993');
    expect(loaded.ranges).toEqual([range('c', '9007199254740993', '9007199254740999')]);
  });

  it('ranks two entries for one start the same way in read-back and load (dedup window exceeded)', async () => {
    // The second row carries another token, as if the window had forgotten the first one's.
    const log = new CheckpointLog(store, 'g');
    await log.logRange(range('d', '0', '9'));
    await log.logRange(range('d', '10', '30'));
    const row = { consumer_group: 'g', topic: 'd', partition: 0, kind: 'range', from_offset: '10', to_offset: '19', idle_watermark_ms: 0, state: '' };
    await store.insert('pipeline_checkpoints', [{ ...row, written_at: Date.now() + 5000 }], { dedupToken: 'late-writer' });
    expect(await rangeRows('d')).toHaveLength(3);
    expect(await log.readRange('d', 0, '10')).toEqual(range('d', '10', '30'));
    expect(await log.logRange(range('d', '10', '12'))).toEqual(range('d', '10', '30'));
    expect(planRecovery(undefined, (await log.load('d', 0)).ranges).replay).toEqual([range('d', '0', '9'), range('d', '10', '30')]);
  });

  it('keeps one snapshot row per offset and loads the latest', async () => {
    const log = new CheckpointLog(store, 'g');
    const state = (n: number) => ({ ...initialProcessorState(), maxEventTimeMs: n });
    await log.saveSnapshot({ topic: 'e', partition: 0, nextOffset: '10', state: state(1) });
    await log.saveSnapshot({ topic: 'e', partition: 0, nextOffset: '10', state: state(1) });
    await log.saveSnapshot({ topic: 'e', partition: 0, nextOffset: '20', state: state(2) });
    const [{ n }] = await store.query<{ n: string }>("SELECT toString(count()) AS n FROM pipeline_checkpoints WHERE topic = 'e' AND kind = 'snapshot'");
    expect(n).toBe('2');
    expect((await log.load('e', 0)).snapshot).toEqual({ topic: 'e', partition: 0, nextOffset: '20', state: state(2) });
  });

  it('reports an entry it cannot read back after writing it as retriable (a lagging replica)', async () => {
    const lagging: OutputStore = { insert: async () => undefined, query: (sql, params) => store.query(sql, params as never) };
    await expect(new CheckpointLog(lagging, 'g').logRange(range('f', '0', '1'))).rejects.toMatchObject({ retriable: true, code: 'CHECKPOINT_NOT_VISIBLE' });
  });
});
