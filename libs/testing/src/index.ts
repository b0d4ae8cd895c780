// Public API of libs/testing: test servers and helpers. Never used by production code paths.
export { startClickHouseHttpTestServer, type ClickHouseHttpTestServer, type ClickHouseHttpTestServerOptions } from './clickhouse-http-server';
export { decodeRequest, type ClickHouseHttpRequest } from './clickhouse-http-request';
