import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { EmbeddedStore, quoteIdentifier, withReadonlySetting } from '@prefstream/clickhouse';
import { decodeRequest, type ClickHouseHttpRequest } from './clickhouse-http-request';

export interface ClickHouseHttpTestServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  user?: string;
  password?: string;
}

export interface ClickHouseHttpTestServer {
  url: string;
  port: number;
  /** Stops listening (connections refused), keeping the data: an outage. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Stops and closes the embedded store. */
  close(): Promise<void>;
  /** Requests served, for tests. */
  readonly requests: number;
}

const HTTP_STATUS: Record<number, number> = { 62: 400, 27: 400, 117: 400, 60: 404, 81: 404, 164: 403, 497: 403, 516: 403, 159: 500 };
const NAMES: Record<number, string> = { 60: 'UNKNOWN_TABLE', 62: 'SYNTAX_ERROR', 81: 'UNKNOWN_DATABASE', 164: 'READONLY', 516: 'AUTHENTICATION_FAILED', 1001: 'STD_EXCEPTION' };
const INSERT = /^\s*INSERT\s+INTO\s+([A-Za-z0-9_.`"]+)\s*(?:\(([^)]*)\))?\s*(?:SETTINGS\s+[\s\S]*?)?\s*FORMAT\s+(\w+)\s*$/i;
const TRAILING_FORMAT = /\s+FORMAT\s+(\w+)\s*;?\s*$/i;
/** Settings that shape the HTTP exchange rather than the query; the test server honours them itself. */
const HTTP_ONLY_SETTINGS = new Set(['enable_http_compression', 'wait_end_of_query', 'send_progress_in_http_headers', 'http_headers_progress_interval_ms', 'output_format_json_quote_64bit_integers', 'date_time_input_format', 'cancel_http_readonly_queries_on_client_close', 'http_wait_end_of_query']);

class HttpFailure extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/**
 * A test server for ClickHouse's HTTP interface in front of chdb, so the real @clickhouse/client (and
 * curl) run over real HTTP in CI where no ClickHouse server can be installed. It covers what prefstream
 * and the client use: query in the URL or body, insert data in the body, `database`, `param_*`
 * parameters, settings as URL parameters, basic auth and X-ClickHouse-User/Key, X-ClickHouse-Format,
 * X-ClickHouse-Summary and X-ClickHouse-Exception-Code, gzip responses, /ping, and ClickHouse-shaped
 * errors. Requests run one at a time (chdb sessions are not concurrent). Not for production.
 */
export async function startClickHouseHttpTestServer(options: ClickHouseHttpTestServerOptions): Promise<ClickHouseHttpTestServer> {
  const store = new EmbeddedStore(options.dataDir);
  let queue: Promise<unknown> = Promise.resolve();
  let requests = 0;
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const execute = async (req: ClickHouseHttpRequest) => {
    if (options.user !== undefined && (req.user !== options.user || req.password !== (options.password ?? ''))) {
      throw new HttpFailure(516, `${req.user}: Authentication failed: password is incorrect, or there is no user with such name.`);
    }
    const database = req.database ?? 'default';
    quoteIdentifier(database);
    await store.rawQuery(`USE ${quoteIdentifier(database)}`, { format: 'TabSeparated' }).catch(() => {
      throw new HttpFailure(81, `Database ${database} does not exist.`);
    });
    const insert = INSERT.exec(req.sql.trim());
    const readonly = req.settings.readonly === '1' || req.settings.readonly === '2';
    if (insert && req.data) {
      if (readonly) throw new HttpFailure(164, `${req.user}: Cannot execute query in readonly mode.`);
      const settings = Object.fromEntries(Object.entries(req.settings).filter(([k]) => !HTTP_ONLY_SETTINGS.has(k)));
      const summary = await store.rawInsert(insert[1].replace(/[`"]/g, ''), req.data, insert[3] as 'JSONEachRow', settings);
      return { body: '', format: insert[3], summary: { read_rows: 0, written_rows: summary.rowsWritten, written_bytes: summary.bytesWritten } };
    }
    let sql = req.sql.trim();
    const formatMatch = TRAILING_FORMAT.exec(sql);
    const format = formatMatch?.[1] ?? req.defaultFormat ?? 'TabSeparated';
    if (formatMatch) sql = sql.slice(0, formatMatch.index);
    const extra = Object.entries(req.settings).filter(([k]) => !HTTP_ONLY_SETTINGS.has(k) && k !== 'readonly');
    if (readonly) sql = withReadonlySetting(sql);
    if (extra.length && /^\s*(SELECT|WITH)\b/i.test(sql)) sql = `${sql}${/\bSETTINGS\b/i.test(sql) ? ',' : '\nSETTINGS'} ${extra.map(([k, v]) => `${k} = ${/^-?\d+(\.\d+)?$/.test(v) ? v : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}`).join(', ')}`;
    const result = await store.rawQuery(sql, { params: req.params, format });
    return { body: result.text, format, summary: { read_rows: result.rowsRead, read_bytes: result.bytesRead, elapsed_ns: Math.round(result.elapsed * 1e9) } };
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      requests++;
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/ping') {
        response.writeHead(200, { 'Content-Type': 'text/plain' }).end('Ok.\n');
        return;
      }
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
      const decoded = decodeRequest(url, request.headers, body);
      try {
        const result = await serial(() => execute(decoded));
        const payload = decoded.gzipResponse ? zlib.gzipSync(result.body) : Buffer.from(result.body);
        response.writeHead(200, {
          'Content-Type': result.format.startsWith('JSON') ? 'application/json; charset=UTF-8' : 'text/tab-separated-values; charset=UTF-8',
          'X-ClickHouse-Format': result.format,
          'X-ClickHouse-Summary': JSON.stringify(Object.fromEntries(Object.entries(result.summary).map(([k, v]) => [k, String(v)]))),
          'X-ClickHouse-Server-Display-Name': 'prefstream-test-server',
          ...(decoded.gzipResponse ? { 'Content-Encoding': 'gzip' } : {}),
        });
        response.end(payload);
      } catch (error) {
        const code = error instanceof HttpFailure ? error.code : ((error as { clickhouseCode?: number }).clickhouseCode ?? 1001);
        const raw = (error as Error).message.replace(/^(query|exec|insert into \S+): /, '');
        const message = /^Code: \d+\./.test(raw) ? raw.replace(/^Query failed: /, '') : `Code: ${code}. DB::Exception: ${raw}. (${NAMES[code] ?? 'UNKNOWN'})`;
        response.writeHead(HTTP_STATUS[code] ?? 500, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': String(code) });
        response.end(message.replace(/^Query failed: /, '') + '\n');
      }
    });
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(options.port ?? 0);
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    stop,
    start: async () => void (await listen(port)),
    close: async () => {
      if (server.listening) await stop();
      await store.close();
    },
    get requests() {
      return requests;
    },
  };
}
