import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { toClickHouseError } from './clickhouse-error';
import { insertSettings, type InsertOptions, type QueryOptions, type QueryParams, type Store } from './store';

export interface RemoteStoreConfig {
  url: string;
  user?: string;
  password?: string;
  database?: string;
  /** PEM contents for TLS to a server with a private CA, and optional client certificate (mutual TLS). */
  tls?: { caCert: Buffer; cert?: Buffer; key?: Buffer };
  requestTimeoutMs?: number;
}

/** The remote driver: a ClickHouse server over HTTP(S) through the official client. */
export class RemoteStore implements Store {
  readonly kind = 'remote' as const;
  private readonly client: ClickHouseClient;

  constructor(config: RemoteStoreConfig) {
    this.client = createClient({
      url: config.url,
      username: config.user ?? 'default',
      password: config.password ?? '',
      database: config.database,
      request_timeout: config.requestTimeoutMs ?? 30000,
      tls: config.tls ? { ca_cert: config.tls.caCert, ...(config.tls.cert && config.tls.key ? { cert: config.tls.cert, key: config.tls.key } : {}) } : undefined,
      compression: { request: false, response: true },
      max_open_connections: 10,
      // Errors reach the caller as ClickHouseError; the client's own logging would print each one twice.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  /** Creates the configured database if it does not exist (connecting without it first). */
  static async ensureDatabase(config: RemoteStoreConfig): Promise<void> {
    if (!config.database) return;
    const admin = new RemoteStore({ ...config, database: undefined });
    try {
      await admin.exec(`CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(config.database)}`);
    } finally {
      await admin.close();
    }
  }

  async insert(table: string, rows: readonly object[], options: InsertOptions = {}): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.client.insert({ table, values: rows as object[], format: 'JSONEachRow', clickhouse_settings: insertSettings(options.dedupToken) });
    } catch (error) {
      throw toClickHouseError(error, `insert into ${table}`);
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params: QueryParams = {}, options: QueryOptions = {}): Promise<T[]> {
    try {
      const result = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow', clickhouse_settings: options.readonly ? { readonly: '1' } : {} });
      return await result.json<T>();
    } catch (error) {
      throw toClickHouseError(error, 'query');
    }
  }

  async exec(sql: string, params: QueryParams = {}): Promise<void> {
    try {
      await this.client.command({ query: sql, query_params: params });
    } catch (error) {
      throw toClickHouseError(error, 'exec');
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Identifiers cannot be bound as parameters; this one comes from validated config, and is quoted anyway. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid identifier ${JSON.stringify(name)}`);
  return `\`${name}\``;
}
