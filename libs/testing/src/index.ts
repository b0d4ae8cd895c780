// Public API of libs/testing: test servers and helpers. Never used by production code paths.
export { startClickHouseHttpTestServer, type ClickHouseHttpTestServer, type ClickHouseHttpTestServerOptions } from './clickhouse-http-server';
export { decodeRequest, type ClickHouseHttpRequest } from './clickhouse-http-request';
export { describeAlertOutputConformance, sampleAlert, distinctAlerts, type AlertOutputUnderTest } from './alert-output-conformance';
export { startWebhookTestReceiver, type WebhookTestReceiver, type WebhookTestReceiverOptions, type WebhookTestRequest, type WebhookTestResponse } from './webhook-test-receiver';
