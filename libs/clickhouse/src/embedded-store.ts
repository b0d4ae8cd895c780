import fs from 'node:fs';
import { Session } from 'chdb';
import { toClickHouseError } from './clickhouse-error';
import { withReadonlySetting } from './readonly-sql';
import { insertSettings, type InsertOptions, type QueryOptions, type QueryParams, type Store } from './store';

const openPaths = new Set<string>();

/**
 * The embedded driver: ClickHouse in-process through chdb, on a data directory. chdb allows one session
 * per directory per process, so opening the same directory twice is refused with a clear error.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly session: Session;
  private closed = false;

  constructor(readonly dataDir: string) {
    if (openPaths.has(dataDir)) throw toClickHouseError(new Error(`store ${dataDir} is already open in this process`), 'open');
    fs.mkdirSync(dataDir, { recursive: true });
    this.session = new Session(dataDir);
    openPaths.add(dataDir);
  }

  async insert(table: string, rows: readonly object[], options: InsertOptions = {}): Promise<void> {
    if (rows.length === 0) return;
    let body = '';
    for (const row of rows) body += JSON.stringify(row) + '\n';
    try {
      await this.session.insert({ table, values: body, format: 'JSONEachRow', settings: insertSettings(options.dedupToken) });
    } catch (error) {
      throw toClickHouseError(error, `insert into ${table}`);
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params: QueryParams = {}, options: QueryOptions = {}): Promise<T[]> {
    const text = options.readonly ? withReadonlySetting(sql) : sql;
    try {
      const result = Object.keys(params).length ? await this.session.queryBindAsync(text, params, { format: 'JSONEachRow' }) : await this.session.queryAsync(text, { format: 'JSONEachRow' });
      const out = result.text();
      if (!out) return [];
      return out.trimEnd().split('\n').map((line) => JSON.parse(line) as T);
    } catch (error) {
      throw toClickHouseError(error, 'query');
    }
  }

  async exec(sql: string, params: QueryParams = {}): Promise<void> {
    try {
      if (Object.keys(params).length) await this.session.queryBindAsync(sql, params, { format: 'JSONEachRow' });
      else await this.session.queryAsync(sql, { format: 'JSONEachRow' });
    } catch (error) {
      throw toClickHouseError(error, 'exec');
    }
  }

  /**
   * Raw access for the ClickHouse HTTP test server (libs/testing): a statement with its own output
   * format, and an insert of pre-encoded rows with settings. Not for application code.
   */
  async rawQuery(sql: string, options: { params?: Record<string, string>; format: string }): Promise<{ text: string; rowsRead: number; bytesRead: number; elapsed: number }> {
    try {
      const result = options.params && Object.keys(options.params).length ? await this.session.queryBindAsync(sql, options.params, { format: options.format }) : await this.session.queryAsync(sql, { format: options.format });
      return { text: result.text(), rowsRead: result.rowsRead, bytesRead: result.bytesRead, elapsed: result.elapsed };
    } catch (error) {
      throw toClickHouseError(error, 'query');
    }
  }

  async rawInsert(table: string, body: Buffer | string, format: 'JSONEachRow' | 'JSONCompactEachRow' | 'CSV' | 'TabSeparated', settings: Record<string, string>): Promise<{ rowsWritten: number; bytesWritten: number }> {
    try {
      const result = await this.session.insert({ table, values: body, format, settings });
      return { rowsWritten: result.rowsWritten, bytesWritten: result.bytesWritten };
    } catch (error) {
      throw toClickHouseError(error, `insert into ${table}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    openPaths.delete(this.dataDir);
    this.session.close();
  }
}
