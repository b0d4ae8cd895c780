/**
 * What the ingestion runner needs from storage. libs/clickhouse's stores satisfy it; keeping the runner
 * on this small interface keeps it testable and storage-agnostic.
 */
export interface OutputStore {
  /** Durable when resolved. The same token twice writes once (insert deduplication). */
  insert(table: string, rows: readonly object[], options: { dedupToken: string }): Promise<void>;
  query<T>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
}
