import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openStore, type Store } from '@prefstream/clickhouse';
import { createUserHasher, PartitionProcessor, type ResponseRow } from '@prefstream/processing';
import { OnlineLogisticCalibrator, rocAuc } from '@prefstream/signals';
import { generateSyntheticTraffic } from '@prefstream/sources';
import { loadConfig, signalEngineConfigOf } from '../config';
import { RewardCalibration } from './reward-calibration';

const encoder = new TextEncoder();
let store: Store;
let dir: string;
const finals: ResponseRow[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calibration-'));
  store = await openStore({ kind: 'embedded', dataDir: path.join(dir, 'store') });
  await migrate(store);
  const records = [...generateSyntheticTraffic({ conversations: 400, seed: 11 })].map((e, i) => ({ value: encoder.encode(JSON.stringify(e)), position: { kind: 'file' as const, path: 'x', line: i } }));
  const processor = new PartitionProcessor({ hashUser: createUserHasher('k'.repeat(32)) });
  const outputs = [processor.process(records, 1), processor.flush(1)];
  for (const [i, output] of outputs.entries()) {
    await store.insert('responses', output.tables.responses, { dedupToken: `cal/${i}` });
    finals.push(...output.tables.responses.filter((r) => r.final === 1 && r.thumbs !== 0));
  }
}, 120_000);
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('RewardCalibration (real chdb)', () => {
  it('fits on exactly the final responses with a thumbs, in event-time order, and writes the weights', async () => {
    const calibration = new RewardCalibration(store, { pageSize: 97 }); // several pages
    expect(await calibration.refresh()).toBe(finals.length);
    expect(finals.length).toBeGreaterThan(100);
    const global = calibration.report().find((s) => s.scope === 'global')!;
    // Independent: the same online model fed the same rows in (ts, tenant, turn_id) order.
    const ordered = [...finals].sort((a, b) => a.ts - b.ts || (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0) || (a.turn_id < b.turn_id ? -1 : a.turn_id > b.turn_id ? 1 : 0));
    const reference = new OnlineLogisticCalibrator();
    const predicted: number[] = [];
    for (const r of ordered) {
      predicted.push(reference.predict(r.signals));
      reference.update(r.signals, r.thumbs > 0);
    }
    const refConfig = reference.toRewardConfig();
    expect(global.weights['(intercept)']).toBeCloseTo(refConfig.intercept, 12);
    for (const [kind, w] of Object.entries(refConfig.coefficients)) expect(global.weights[kind]).toBeCloseTo(w, 12);
    expect(global.aucCalibrated).toBeCloseTo(rocAuc(predicted, ordered.map((r) => r.thumbs > 0)), 12);
    expect(global.aucHand).toBeCloseTo(rocAuc(ordered.map((r) => r.implicit_reward), ordered.map((r) => r.thumbs > 0)), 12);
    // On this traffic users are happier with better responses, and the signals say so.
    expect(global.aucHand).toBeGreaterThan(0.6);
    expect(await calibration.refresh()).toBe(0); // nothing new
    const written = await calibration.write(Date.now());
    const stored = await store.query<{ n: string }>(`SELECT count() AS n FROM reward_calibration WHERE tenant = 'global'`);
    expect(Number(stored[0].n)).toBe(written / calibration.report().length);
  });

  it('turns printed coefficients into a calibrated reward configuration', () => {
    const config = loadConfig({ env: { PREFSTREAM_REWARD_COEFFICIENTS: '{"(intercept)":0.2,"copy":1.5,"regenerate":-2}' } });
    expect(signalEngineConfigOf(config).reward).toEqual({ mode: 'calibrated', intercept: 0.2, coefficients: { copy: 1.5, regenerate: -2 } });
    expect(() => loadConfig({ env: { PREFSTREAM_REWARD_COEFFICIENTS: '{"copy":1}', PREFSTREAM_REWARD_WEIGHTS: '{"copy":1}' } })).toThrow(/not both/);
    expect(() => loadConfig({ env: { PREFSTREAM_REWARD_COEFFICIENTS: '{"cpy":1}' } })).toThrow(/unknown signal kind cpy/);
  });
});
