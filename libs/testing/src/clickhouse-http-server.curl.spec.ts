import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startClickHouseHttpTestServer, type ClickHouseHttpTestServer } from './clickhouse-http-server';

const run = promisify(execFile);
let server: ClickHouseHttpTestServer;
const curl = async (...args: string[]) => (await run('curl', ['-s', '-i', ...args])).stdout;

beforeAll(async () => {
  server = await startClickHouseHttpTestServer({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ch-curl-')), user: 'u', password: 'p' });
});
afterAll(() => server?.close());

// curl is an independent HTTP client: it checks the server speaks the protocol, not just our client's dialect.
describe('ClickHouse HTTP test server, with curl', () => {
  it('answers /ping', async () => {
    expect(await curl(`${server.url}/ping`)).toMatch(/^HTTP\/1.1 200[\s\S]*Ok\.\n$/);
  });

  it('runs a query from the URL with parameters and a format header', async () => {
    const out = await curl('-u', 'u:p', '-H', 'X-ClickHouse-Format: JSONEachRow', `${server.url}/?query=${encodeURIComponent('SELECT {n:UInt32} * 2 AS doubled, {s:String} AS s')}&param_n=21&param_s=${encodeURIComponent("it\\'s")}`);
    expect(out).toMatch(/X-ClickHouse-Format: JSONEachRow/i);
    expect(out).toMatch(/X-ClickHouse-Summary: \{"read_rows"/i);
    expect(out.trim().split('\n').pop()).toBe('{"doubled":42,"s":"it\'s"}');
  });

  it('takes the query in the body, X-ClickHouse-User/Key auth, and a database parameter', async () => {
    await curl('-H', 'X-ClickHouse-User: u', '-H', 'X-ClickHouse-Key: p', '--data-binary', 'CREATE DATABASE IF NOT EXISTS curl_db', `${server.url}/`);
    await curl('-u', 'u:p', '--data-binary', 'CREATE TABLE IF NOT EXISTS t (a UInt8, b String) ENGINE = MergeTree ORDER BY a SETTINGS non_replicated_deduplication_window = 100', `${server.url}/?database=curl_db`);
    const insertUrl = `${server.url}/?database=curl_db&insert_deduplication_token=tok-1&query=${encodeURIComponent('INSERT INTO t FORMAT JSONEachRow')}`;
    await curl('-u', 'u:p', '--data-binary', '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n', insertUrl);
    await curl('-u', 'u:p', '--data-binary', '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n', insertUrl);
    const out = await curl('-u', 'u:p', '--data-binary', 'SELECT count() FROM t', `${server.url}/?database=curl_db`);
    expect(out.trim().split('\n').pop()).toBe('2');
  });

  it('answers errors the way ClickHouse does', async () => {
    const denied = await curl('-u', 'u:wrong', '--data-binary', 'SELECT 1', `${server.url}/`);
    expect(denied).toMatch(/^HTTP\/1.1 403/);
    expect(denied).toMatch(/X-ClickHouse-Exception-Code: 516/i);
    const syntax = await curl('-u', 'u:p', '--data-binary', 'SELEC 1', `${server.url}/`);
    expect(syntax).toMatch(/^HTTP\/1.1 400/);
    expect(syntax).toMatch(/Code: 62\. DB::Exception: Syntax error/);
    const readonly = await curl('-u', 'u:p', '--data-binary', 'CREATE TABLE z (a UInt8) ENGINE = Memory', `${server.url}/?readonly=1`);
    expect(readonly).toMatch(/X-ClickHouse-Exception-Code: 164/i);
  });

  it('gzips the response when asked', async () => {
    const { stdout } = await run('curl', ['-s', '-u', 'u:p', '-H', 'Accept-Encoding: gzip', '--compressed', '--data-binary', 'SELECT number FROM numbers(3) FORMAT CSV', `${server.url}/?enable_http_compression=1`]);
    expect(stdout).toBe('0\n1\n2\n');
  });
});
