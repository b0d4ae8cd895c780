import { appliedVersions, BatchingWriter, loadMigrations, migrate, migrateDown, runNamedQuery, type Store } from '@prefstream/clickhouse';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

export const aggregateRow = (over: Record<string, unknown> = {}) => ({
  tenant: 'acme', model: 'm1', model_version: 'v1', variant: 'A', minute: T0,
  responses: 1, thumbs_up: 1, thumbs_down: 0, rating_sum: 0.75, rating_count: 1, reward_sum: 0.5, reward_sumsq: 0.25, reward_count: 1,
  signal_counts: { copy: 1 }, feature_sums: { tokens: 120 }, feature_counts: { tokens: 1 }, latency_sketch: { 300: 1 }, length_sketch: { 200: 1 },
  rating_sumsq: 0.5625, rating_positive: 1, votes_won: 1, votes_lost: 0, votes_tie: 0, votes_both_bad: 0, reactions: 0, flags: 0, comments: 0,
  feature_sumsqs: { tokens: 14400 }, reward_by_sums: { refuses: 0.5 }, reward_by_sumsqs: { refuses: 0.25 }, reward_by_counts: { refuses: 1 },
  ...over,
});

const rejectedRow = (i: number) => ({ reason: 'not_json', message: `bad ${i}`, raw_base64: 'eA==', raw_bytes: 1, source: `file:x:${i}`, ingested_at: T0 + i });
const tables = async (store: Store) => (await store.query<{ name: string }>('SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name')).map((r) => r.name);
const count = async (store: Store, table: string) => Number((await store.query<{ n: string }>(`SELECT count() AS n FROM ${table}`))[0].n);

/**
 * The behaviour every storage driver must have, run against each (embedded chdb, and the remote driver
 * over HTTP). `open` returns a store on a fresh, empty database each time it is called.
 */
export function describeStoreConformance(name: string, open: () => Promise<Store>, options: { timeout?: number } = {}): void {
  describe(`store conformance: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    }, options.timeout ?? 60000);
    afterAll(() => store?.close());

    it('migrates an empty store up and down, and back up', async () => {
      const all = loadMigrations().map((m) => m.version);
      expect(await migrate(store)).toEqual(all);
      expect(await appliedVersions(store)).toEqual(all);
      expect(await tables(store)).toEqual(expect.arrayContaining(['raw_events', 'responses', 'minute_aggregates', 'hour_aggregates', 'day_aggregates', 'rejected_events', 'pipeline_checkpoints', 'alerts']));
      expect(await migrate(store)).toEqual([]); // idempotent
      expect(await migrateDown(store, { target: 0 })).toEqual([...all].reverse());
      expect(await tables(store)).toEqual(['schema_migrations']);
      expect(await migrate(store)).toEqual(all);
    });

    it('rolls a populated store back one step and forward again, keeping the untouched tables', async () => {
      await store.insert('rejected_events', [rejectedRow(1), rejectedRow(2)]);
      const latest = loadMigrations().length;
      expect(await migrateDown(store, { target: latest - 1 })).toEqual([latest]);
      expect(await tables(store)).not.toContain('late_events'); // created by the latest migration
      expect(await tables(store)).toContain('alerts');
      const columns = async () => (await store.query<{ name: string }>(`SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'hour_aggregates'`)).map((r) => r.name);
      expect(await columns()).not.toContain('votes_won');
      expect(await count(store, 'rejected_events')).toBe(2);
      expect(await migrate(store)).toEqual([latest]);
      expect(await columns()).toContain('votes_won');
    });

    it('refuses a schema newer than it knows', async () => {
      await store.insert('schema_migrations', [{ version: 999, name: 'from_the_future', direction: 'up', seq: '1000000', applied_at: T0 }]);
      await expect(migrate(store)).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW', retriable: false });
      await store.insert('schema_migrations', [{ version: 999, name: 'from_the_future', direction: 'down', seq: '1000001', applied_at: T0 }]);
      await expect(migrate(store)).resolves.toEqual([]);
    });

    it('writes a batch sent twice with the same token once', async () => {
      const before = await count(store, 'rejected_events');
      const rows = [rejectedRow(10), rejectedRow(11), rejectedRow(12)];
      await store.insert('rejected_events', rows, { dedupToken: 'conformance/retry/1' });
      await store.insert('rejected_events', rows, { dedupToken: 'conformance/retry/1' });
      await store.insert('rejected_events', rows.slice(0, 1), { dedupToken: 'conformance/retry/2' });
      expect(await count(store, 'rejected_events')).toBe(before + 4);
    });

    it('lands a writer batch once when its insert is retried after a transient failure', async () => {
      const before = await count(store, 'rejected_events');
      let failures = 1;
      const flaky: Store = {
        ...store,
        kind: store.kind,
        insert: async (table, rows, opts) => {
          await store.insert(table, rows, opts); // the write lands, then the acknowledgement is lost
          if (failures-- > 0) throw Object.assign(new Error('connection reset'), { retriable: true });
        },
        query: (sql, params, o) => store.query(sql, params, o),
        exec: (sql, params) => store.exec(sql, params),
        close: async () => undefined,
      };
      const writer = new BatchingWriter(flaky, { maxRows: 2, flushIntervalMs: 10, retry: { initialDelayMs: 1 } });
      await writer.write('rejected_events', [rejectedRow(20), rejectedRow(21), rejectedRow(22)], { dedupToken: 'conformance/writer/1' });
      await writer.close();
      expect(await count(store, 'rejected_events')).toBe(before + 3);
    });

    it('merges aggregate partials from two writers to the single-writer result, in rollups too', async () => {
      const partials = [aggregateRow(), aggregateRow({ responses: 3, thumbs_down: 2, reward_sum: -1, reward_sumsq: 0.6, reward_count: 3, signal_counts: { copy: 2, regenerate: 1 }, latency_sketch: { 300: 1, 310: 2 } }), aggregateRow({ minute: T0 + MINUTE, responses: 2, feature_sums: { tokens: 50 } })];
      await store.insert('minute_aggregates', [partials[0], partials[2]], { dedupToken: 'conformance/agg/worker-1' });
      await store.insert('minute_aggregates', [partials[1]], { dedupToken: 'conformance/agg/worker-2' });
      const merged = await runNamedQuery<{ minute_ms: string; responses: string; thumbs_down: string; reward_sum: number; signal_counts: Record<string, string> }>(store, 'minuteAggregates', { tenant: 'acme', from: T0, to: T0 + 10 * MINUTE, model: '' });
      expect(merged.map((r) => [Number(r.minute_ms), Number(r.responses), Number(r.thumbs_down), r.reward_sum])).toEqual([[T0, 4, 2, -0.5], [T0 + MINUTE, 2, 0, 0.5]]);
      expect(Object.fromEntries(Object.entries(merged[0].signal_counts).map(([k, v]) => [k, Number(v)]))).toEqual({ copy: 3, regenerate: 1 });
      const hour = await store.query<{ responses: string; latency: Record<string, string> }>(`SELECT sum(responses) AS responses, sumMap(latency_sketch) AS latency FROM hour_aggregates WHERE tenant = 'acme'`);
      const day = await store.query<{ responses: string }>(`SELECT sum(responses) AS responses FROM day_aggregates WHERE tenant = 'acme'`);
      expect(Number(hour[0].responses)).toBe(6);
      expect(Object.fromEntries(Object.entries(hour[0].latency).map(([k, v]) => [k, Number(v)]))).toEqual({ 300: 3, 310: 2 });
      expect(Number(day[0].responses)).toBe(6);
      const rolled = await store.query<{ won: string; by: Record<string, string> }>(`SELECT sum(votes_won) AS won, sumMap(reward_by_counts) AS by FROM day_aggregates WHERE tenant = 'acme'`);
      expect([Number(rolled[0].won), Number(rolled[0].by.refuses)]).toEqual([3, 3]);
    });

    it('merges partial count and distinct-user states fed by the raw-events view', async () => {
      const raw = (id: string, user: string) => ({ event_id: id, type: 'turn', tenant: 'acme', conversation_id: 'c', user_hash: user, ts: T0 + 1000, ingested_at: T0, source: 's', payload: '{}' });
      await store.insert('raw_events', [raw('e1', 'u1'), raw('e2', 'u1')], { dedupToken: 'conformance/raw/1' });
      await store.insert('raw_events', [raw('e1', 'u1'), raw('e2', 'u1')], { dedupToken: 'conformance/raw/1' });
      await store.insert('raw_events', [raw('e3', 'u2')], { dedupToken: 'conformance/raw/2' });
      const rows = await runNamedQuery<{ events: string; users: string }>(store, 'eventsPerMinute', { tenant: 'acme', from: T0, to: T0 + MINUTE });
      expect(rows.map((r) => [Number(r.events), Number(r.users)])).toEqual([[3, 2]]);
    });

    it('drops rows past their TTL', async () => {
      const old = { computed_at: Date.UTC(2000, 0, 1), tenant: 'acme', monitor: 'm', subject: 's', statistic: 1, threshold: 2, drifted: 0, details: '' };
      await store.insert('drift_stats', [old, { ...old, computed_at: Date.now() }]);
      await store.exec('OPTIMIZE TABLE drift_stats FINAL');
      expect(await count(store, 'drift_stats')).toBe(1);
    });

    it('treats an injection attempt in a parameter as a plain value', async () => {
      const hostile = "x'); DROP TABLE votes; --";
      const rows = await store.query<{ echoed: string }>('SELECT {model:String} AS echoed FROM system.one', { model: hostile });
      expect(rows[0].echoed).toBe(hostile);
      await runNamedQuery(store, 'minuteAggregates', { tenant: hostile, from: 0, to: T0, model: hostile });
      await runNamedQuery(store, 'voteCounts', { tenant: hostile, anonymous_only: 0 });
      expect(await tables(store)).toContain('votes');
    });

    it('refuses writes on the read-only path', async () => {
      await expect(store.query("INSERT INTO alerts (alert_id) VALUES ('x')", {}, { readonly: true })).rejects.toMatchObject({ retriable: false });
      await expect(store.query('SELECT count() AS n FROM alerts', {}, { readonly: true })).resolves.toHaveLength(1);
    });

    it('classifies errors: a missing table is not retriable', async () => {
      await expect(store.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ retriable: false, clickhouseCode: 60 });
      await expect(store.exec('SELEC 1')).rejects.toMatchObject({ retriable: false, clickhouseCode: 62 });
    });
  });
}
