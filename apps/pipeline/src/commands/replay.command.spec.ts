import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadMigrations } from '@prefstream/clickhouse';
import { EXAMPLE_EVENTS } from '@prefstream/events';
import zlib from 'node:zlib';
import { generateSyntheticTraffic } from '@prefstream/sources';
import { cli, queryRows } from '../analysis/cli-runner.test-helper';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-cmd-'));
const store = path.join(dir, 'store');
const LATEST = loadMigrations().length;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc test queries
const query = (sql: string) => queryRows<any>(store, sql);

describe('prefstream replay / query / migrate (real chdb)', () => {
  const file = path.join(dir, 'events.ndjson');
  const events = [...generateSyntheticTraffic({ conversations: 120, seed: 9 })];
  beforeAll(() => {
    const lines = events.map((e) => JSON.stringify(e));
    const oversize = JSON.stringify({ ...EXAMPLE_EVENTS[0], event_id: 'big', response: 'x'.repeat(2_000_000) });
    fs.writeFileSync(file, Buffer.concat([
      Buffer.from(lines.slice(0, 10).join('\n') + '\n'),
      Buffer.from('{"type":"vote"\n'),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
      Buffer.from(oversize + '\n'),
      Buffer.from(JSON.stringify({ ...EXAMPLE_EVENTS[2], event_id: 'from-the-future', schema_version: 2 }) + '\n'),
      Buffer.from(JSON.stringify({ ...EXAMPLE_EVENTS[2], event_id: 'unknown-type', type: 'click' }) + '\n'),
      Buffer.from(lines.slice(10).join('\n') + '\n'),
    ]));
  });

  it('writes valid events to raw_events and invalid ones, with reasons, to rejected_events', async () => {
    const { code, out } = await cli('replay', '--source', `ndjson:${file}`, '--store', store, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      source: `ndjson:${file}`, read: events.length + 5, valid: events.length, rejected: 5, rejectedByReason: { not_json: 1, invalid_utf8: 1, oversize: 1, future_version: 1, unknown_type: 1 },
      analysis: expect.objectContaining({ votes: events.filter((e) => e.type === 'vote').length, refreshes: 1 }),
    });
    const [{ n, ids }] = await query('SELECT count() AS n, uniqExact(event_id) AS ids FROM raw_events');
    expect([Number(n), Number(ids)]).toEqual([events.length, events.length]);
    const rejected = await query('SELECT reason, source, raw_bytes FROM rejected_events ORDER BY source');
    expect(rejected.map((r) => r.reason).sort()).toEqual(['future_version', 'invalid_utf8', 'not_json', 'oversize', 'unknown_type']);
    expect(rejected.find((r) => r.reason === 'invalid_utf8')).toMatchObject({ source: `file:${file}:12`, raw_bytes: 4 });
    expect(Number(rejected.find((r) => r.reason === 'oversize').raw_bytes)).toBeGreaterThan(2_000_000);
  });

  it('is idempotent: replaying the same file again writes nothing new', async () => {
    expect((await cli('replay', '--source', `ndjson:${file}`, '--store', store)).code).toBe(0);
    const [{ n }] = await query('SELECT count() AS n FROM raw_events');
    const [{ r }] = await query('SELECT count() AS r FROM rejected_events');
    expect([Number(n), Number(r)]).toEqual([events.length, 5]);
  });

  it('never stores a raw user id', async () => {
    const [{ leaks }] = await query("SELECT countIf(position(payload, 's-u') > 0 OR startsWith(user_hash, 's-u')) AS leaks FROM raw_events");
    expect(Number(leaks)).toBe(0);
  });

  it('replays an empty file to an empty summary', async () => {
    const empty = path.join(dir, 'empty.ndjson');
    fs.writeFileSync(empty, '');
    const { code, out } = await cli('replay', '--source', `ndjson:${empty}`, '--store', store, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ read: 0, valid: 0, rejected: 0 });
  });

  it('prints a readable table and refuses writes through query', async () => {
    const table = await cli('query', '--store', store, 'SELECT type, count() AS n FROM raw_events GROUP BY type ORDER BY type');
    expect(table.out).toMatch(/^type\s+n\n-+\s+-+\nfeedback\s+\d+/);
    const write = await cli('query', '--store', store, 'DROP TABLE raw_events');
    expect(write.code).toBe(1);
    expect(write.err).toMatch(/readonly/i);
  });

  it('reports migration status and rolls back and forward', async () => {
    expect((await cli('migrate', '--store', store, '--status')).out).toMatch(/^applied\s+0001_ingest/m);
    expect((await cli('migrate', '--store', store, '--down', String(LATEST - 1))).out).toBe(`rolled back: ${LATEST}\n`);
    expect((await cli('migrate', '--store', store)).out).toBe(`applied: ${LATEST}\n`);
  });

  it('explains usage and configuration mistakes with exit code 2', async () => {
    expect(await cli('replay', '--source', 'kafka:x', '--store', store)).toMatchObject({ code: 2, err: expect.stringMatching(/--source must be ndjson:FILE/) });
    expect(await cli('replay', '--source', `ndjson:${file}`, '--store', store, '--batch-size', 'many')).toMatchObject({ code: 2, err: expect.stringMatching(/ingest\.batchSize: .*--batch-size/) });
    expect(await cli('replay', '--nope')).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown option '--nope'/) });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command "frobnicate"/) });
  });
});

describe('prefstream replay of arena battles and hh-rlhf pairs (real chdb, small fixtures)', () => {
  const datasetStore = path.join(dir, 'datasets-store');
  const arena = path.join(dir, 'battles.json');
  const pairs = path.join(dir, 'pairs-split.test.jsonl.gz');
  const t0 = 1_707_700_000;
  const battles = Array.from({ length: 40 }, (_, k) => ({ model_a: k % 3 === 0 ? 'x' : 'y', model_b: k % 3 === 0 ? 'y' : 'z', winner: ['model_a', 'model_b', 'tie', 'tie (bothbad)'][k % 4], judge: `judge-${k % 5}`, anony: k % 2 === 0, tstamp: t0 + k * 7 }));
  const turn = (q: string, a: string) => `\n\nHuman: ${q}\n\nAssistant: ${a}`;
  const rows = Array.from({ length: 30 }, (_, k) => ({ chosen: turn(`q${k}`, `**Sure.** Here is a long and careful answer number ${k}.`), rejected: turn(`q${k}`, 'No.') }));
  beforeAll(() => {
    fs.writeFileSync(arena, JSON.stringify(battles));
    fs.writeFileSync(pairs, zlib.gzipSync(rows.map((r) => JSON.stringify(r)).join('\n')));
  });
  const queryDatasets = async (sql: string) => (await cli('query', '--store', datasetStore, '--json', sql)).out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

  it('turns arena battles into votes (blind flag kept, judge pseudonymised) and leaves rating snapshots behind', async () => {
    const { code, out } = await cli('replay', '--source', `arena:${arena}`, '--store', datasetStore, '--batch-size', '16', '--refresh-every', '1', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ read: 40, valid: 40, rejected: 0, analysis: { votes: 40, votes_with_features: 0, refreshes: 4 } });
    const [votes] = await queryDatasets("SELECT count() AS n, countIf(anonymous = 1) AS blind, countIf(startsWith(user_hash, 'judge')) AS raw_judges, uniqExact(user_hash) AS judges FROM votes FINAL");
    expect([votes.n, votes.blind, votes.raw_judges, votes.judges].map(Number)).toEqual([40, 20, 0, 5]);
    const [snap] = await queryDatasets("SELECT uniqExact(computed_at) AS refreshes, countIf(method = 'bradley_terry') AS bt FROM rating_snapshots WHERE scope = 'global'");
    expect(Number(snap.refreshes)).toBeGreaterThanOrEqual(1);
    expect(Number(snap.bt)).toBeGreaterThanOrEqual(3);
  });

  it('replaying the battle file again writes no vote twice; in other batches, the copies collapse by vote id', async () => {
    expect((await cli('replay', '--source', `arena:${arena}`, '--store', datasetStore, '--batch-size', '16', '--skip-analysis')).code).toBe(0);
    const [{ n }] = await queryDatasets('SELECT count() AS n FROM votes');
    expect(Number(n)).toBe(40);
    expect((await cli('replay', '--source', `arena:${arena}`, '--store', datasetStore, '--skip-analysis')).code).toBe(0);
    const [{ unique }] = await queryDatasets('SELECT count() AS unique FROM votes FINAL');
    expect(Number(unique)).toBe(40);
  });

  it('turns hh-rlhf pairs into votes between the two inline responses, with feature differences', async () => {
    const { code, out } = await cli('replay', '--source', `hh-rlhf:${pairs}`, '--store', datasetStore, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ read: 30, valid: 30, analysis: { votes: 70, votes_with_features: 30 } });
    const diffs = await queryDatasets("SELECT winner, feature_diffs['tokens'] AS tokens, feature_diffs['bold_count'] AS bold FROM votes FINAL WHERE tenant = 'hh-rlhf'");
    // The chosen (long, bold) answer sits on either side; its difference has the winner's sign.
    for (const d of diffs) expect(Math.sign(d.tokens)).toBe(d.winner === 'a' ? 1 : -1);
    expect(new Set(diffs.map((d) => d.winner))).toEqual(new Set(['a', 'b']));
  });

  it('explains a bad --refresh-every', async () => {
    expect(await cli('replay', '--source', `arena:${arena}`, '--store', datasetStore, '--refresh-every', 'often')).toMatchObject({ code: 2, err: expect.stringMatching(/--refresh-every must be/) });
  });
});
