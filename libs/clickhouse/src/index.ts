// Public API of libs/clickhouse: the only importer of a ClickHouse client. Schema migrations, the two
// storage drivers (embedded chdb, remote HTTP), and the read API.
export { ClickHouseError, toClickHouseError } from './clickhouse-error';
export type { Store, QueryParams, InsertOptions, QueryOptions } from './store';
export { EmbeddedStore } from './embedded-store';
export { RemoteStore, quoteIdentifier, type RemoteStoreConfig } from './remote-store';
export { openStore, type StoreConfig } from './open-store';
export { withReadonlySetting } from './readonly-sql';
export { migrate, migrateDown, appliedVersions, loadMigrations, splitStatements, applyRetention, MIGRATIONS_DIR, type Migration } from './migrations';
export { ROW_SCHEMAS, assertRowsFit, isKnownTable, type TableName, type RowOf } from './rows';
export { BatchingWriter, chunk, type BatchingWriterOptions } from './batching-writer';
export { NAMED_QUERIES, runNamedQuery, type NamedQuery } from './read-api';
export { createClickHouseAlertOutput, alertRow, alertsDedupToken, type ClickHouseAlertOutputOptions } from './clickhouse-alert-output';
