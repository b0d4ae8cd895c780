import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore, migrate, RemoteStore, type Store } from '@prefstream/clickhouse';
import { createUserHasher, PartitionProcessor } from '@prefstream/processing';
import type { Benchmark, Sample } from '../benchmark';
import { startHttpServer } from './pipeline-process';
import { syntheticRecords } from './synthetic-records';

/** Rows per insert, as the partition worker writes a slice's table (one insert per table and slice). */
const BLOCK = 5000;
const TABLES = ['raw_events', 'responses'] as const;
type Table = (typeof TABLES)[number];

/** raw_events and responses rows of the synthetic traffic, as the processor makes them for the writer. */
function writerRows(conversations: number): Record<Table, object[]> {
  const records = syntheticRecords(conversations, 5);
  const processor = new PartitionProcessor({ hashUser: createUserHasher('bench-key-0123456789') });
  const rows: Record<Table, object[]> = { raw_events: [], responses: [] };
  const add = (out: ReturnType<PartitionProcessor['process']>) => TABLES.forEach((t) => rows[t].push(...out.tables[t]));
  for (let i = 0; i < records.length; i += BLOCK) add(processor.process(records.slice(i, i + BLOCK), Date.now()));
  add(processor.flush(Date.now()));
  return rows;
}

/** chdb allows one data directory per process: every benchmark here shares one embedded store. */
let embedded: Promise<EmbeddedStore> | undefined;
function embeddedStore(): Promise<EmbeddedStore> {
  embedded ??= (async () => {
    const store = new EmbeddedStore(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ch-')));
    await migrate(store);
    return store;
  })();
  return embedded;
}

let tokenSequence = 0;
/** Inserts every row of both tables in blocks with fresh dedup tokens (as new slices would); rows/s per table and overall. */
async function writeAll(rows: Record<Table, object[]>, insert: (table: Table, block: object[], token: string) => Promise<unknown>): Promise<Sample> {
  const extra: Record<string, number> = {};
  let total = 0;
  let seconds = 0;
  const run = ++tokenSequence;
  for (const table of TABLES) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < rows[table].length; i += BLOCK) await insert(table, rows[table].slice(i, i + BLOCK), `bench/${run}/${table}/${i}`);
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    extra[`${table}RowsPerSec`] = rows[table].length / s;
    total += rows[table].length;
    seconds += s;
  }
  return { opsPerSec: total / seconds, extra: { ...extra, rows: total } };
}

const storeInsert = (store: Store) => (table: Table, block: object[], token: string) => store.insert(table, block, { dedupToken: token });

/**
 * The writer into embedded ClickHouse (chdb in this process), as the partition worker calls it:
 * Store.insert of a slice's rows (JSON.stringify per row, then one JSONEachRow insert with a dedup
 * token). Baseline, same run: chdb alone, inserting the same rows already serialised (rawInsert).
 */
export function clickhouseWriterEmbeddedBenchmark(): Benchmark {
  let rows: Record<Table, object[]>;
  let bodies: Record<Table, string[]>;
  let store: EmbeddedStore;
  return {
    name: 'clickhouse-writer-embedded',
    description: 'Store.insert into embedded ClickHouse (chdb), raw_events then responses, blocks of 5,000 rows with dedup tokens; rows/s',
    baselineName: 'chdb rawInsert of the same rows pre-serialised (JSONEachRow)',
    repeats: { quick: 1, full: 3 },
    async setup({ quick }) {
      rows = writerRows(quick ? 1500 : 5000);
      bodies = { raw_events: [], responses: [] };
      for (const table of TABLES) {
        for (let i = 0; i < rows[table].length; i += BLOCK) bodies[table].push(rows[table].slice(i, i + BLOCK).map((r) => JSON.stringify(r) + '\n').join(''));
      }
      store = await embeddedStore();
    },
    async run() {
      return writeAll(rows, storeInsert(store));
    },
    async baseline() {
      return writeAllBodies(bodies, rows, (table, body, token) => store.rawInsert(table, body, 'JSONEachRow', { insert_deduplication_token: token, insert_deduplicate: '1', deduplicate_blocks_in_dependent_materialized_views: '1' }));
    },
  };
}

async function writeAllBodies(bodies: Record<Table, string[]>, rows: Record<Table, object[]>, insert: (table: Table, body: string, token: string) => Promise<unknown>): Promise<Sample> {
  const extra: Record<string, number> = {};
  let total = 0;
  let seconds = 0;
  const run = ++tokenSequence;
  for (const table of TABLES) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < bodies[table].length; k++) await insert(table, bodies[table][k], `bench/${run}/${table}/raw/${k}`);
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    extra[`${table}RowsPerSec`] = rows[table].length / s;
    total += rows[table].length;
    seconds += s;
  }
  return { opsPerSec: total / seconds, extra };
}

/**
 * The writer over HTTP: RemoteStore.insert (@clickhouse/client, JSONEachRow) to the ClickHouse HTTP
 * test server, a separate process running chdb, so the figure is the client + HTTP + chdb path of a
 * remote deployment on this machine (a real server would insert in parallel; this one serialises).
 * Baseline, same run: Store.insert into the embedded store of this process.
 */
export function clickhouseWriterHttpBenchmark(): Benchmark {
  let rows: Record<Table, object[]>;
  let server: { url: string; child: ChildProcess } | undefined;
  let remote: RemoteStore;
  let local: EmbeddedStore;
  return {
    name: 'clickhouse-writer-http',
    description: 'RemoteStore.insert over HTTP to the ClickHouse HTTP test server (chdb, own process), raw_events then responses, blocks of 5,000 rows with dedup tokens; rows/s',
    baselineName: 'Store.insert into embedded ClickHouse in-process',
    repeats: { quick: 1, full: 3 },
    async setup({ quick }) {
      rows = writerRows(quick ? 1500 : 5000);
      server = await startHttpServer();
      remote = new RemoteStore({ url: server.url });
      await migrate(remote);
      local = await embeddedStore();
    },
    async run() {
      return writeAll(rows, storeInsert(remote));
    },
    async baseline() {
      return writeAll(rows, storeInsert(local));
    },
    async teardown() {
      await remote?.close();
      if (server) {
        const exited = new Promise((r) => server!.child.once('exit', r));
        server.child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
