/** A ClickHouse HTTP request, decoded from URL, headers and body the way the real server reads them. */
export interface ClickHouseHttpRequest {
  sql: string;
  /** Insert data that followed the query (POST body after a query given in the URL). */
  data?: Buffer;
  database?: string;
  user: string;
  password: string;
  params: Record<string, string>;
  settings: Record<string, string>;
  /** Output format from `default_format` or the X-ClickHouse-Format header, if the SQL has no FORMAT. */
  defaultFormat?: string;
  gzipResponse: boolean;
}

/** Query parameter values arrive escaped as in TabSeparated (the client escapes \\, ', tab, newline). */
export function unescapeParam(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '0': '\0', b: '\b', f: '\f' })[c] ?? c);
}

/** URL parameters that are part of the HTTP protocol, not ClickHouse settings. */
const PROTOCOL_PARAMS = new Set(['query', 'database', 'user', 'password', 'default_format', 'query_id', 'session_id', 'session_timeout', 'session_check', 'compress', 'decompress']);

export function decodeRequest(url: URL, headers: Record<string, string | string[] | undefined>, body: Buffer): ClickHouseHttpRequest {
  const header = (name: string) => {
    const v = headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
  let user = url.searchParams.get('user') ?? header('X-ClickHouse-User') ?? 'default';
  let password = url.searchParams.get('password') ?? header('X-ClickHouse-Key') ?? '';
  const auth = header('authorization');
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    user = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  const params: Record<string, string> = {};
  const settings: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name.startsWith('param_')) params[name.slice(6)] = unescapeParam(value);
    else if (!PROTOCOL_PARAMS.has(name)) settings[name] = value;
  }
  const urlQuery = url.searchParams.get('query');
  const sql = urlQuery ?? body.toString('utf8');
  return {
    sql,
    data: urlQuery !== null && body.length > 0 ? body : undefined,
    database: url.searchParams.get('database') ?? header('X-ClickHouse-Database') ?? undefined,
    user,
    password,
    params,
    settings,
    defaultFormat: url.searchParams.get('default_format') ?? header('X-ClickHouse-Format') ?? undefined,
    gzipResponse: settings.enable_http_compression === '1' && /\bgzip\b/.test(header('accept-encoding') ?? ''),
  };
}
