/** Query parameters for `{name:Type}` placeholders: values travel separately from the SQL text. */
export type QueryParams = Record<string, string | number | boolean | null | readonly (string | number)[]>;

export interface InsertOptions {
  /** Same token, same table: the second insert writes nothing (deduplication window permitting). */
  dedupToken?: string;
}

export interface QueryOptions {
  /** Run with readonly=1: the server refuses any write, whatever the SQL says. */
  readonly?: boolean;
}

/**
 * The one storage interface, with two drivers: embedded (chdb, a data directory) and remote
 * (@clickhouse/client over HTTP). Every error is a ClickHouseError with a `retriable` flag.
 */
export interface Store {
  readonly kind: 'embedded' | 'remote';
  insert(table: string, rows: readonly object[], options?: InsertOptions): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: QueryParams, options?: QueryOptions): Promise<T[]>;
  /** DDL and other statements without a result. */
  exec(sql: string, params?: QueryParams): Promise<void>;
  close(): Promise<void>;
}

/** Settings every insert carries: deduplicate, also in the materialized views fed by the table. */
export const insertSettings = (dedupToken?: string): Record<string, string | number> => ({
  ...(dedupToken ? { insert_deduplication_token: dedupToken } : {}),
  insert_deduplicate: 1,
  deduplicate_blocks_in_dependent_materialized_views: 1,
});
