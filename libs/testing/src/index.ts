// Public API of libs/testing: test servers and helpers (ClickHouse HTTP test server).
export {};
