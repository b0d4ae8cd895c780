// Public API of libs/clickhouse: ClickHouse schema, migrations, drivers (chdb, HTTP), batching writer, read API.
export {};
