// Public API of libs/alert-outputs: where alerts are delivered besides the alerts table and the Kafka
// topic (those outputs live in libs/clickhouse and libs/kafka, the only importers of their clients),
// and the dispatcher that fans alerts out to several outputs.
export { createWebhookAlertOutput, type WebhookAlertOutputOptions, type WebhookLog } from './webhook-output';
export { webhookBody, slackLine, slackText, SLACK_MAX_LINES, type WebhookFormat } from './webhook-body';
export { signWebhookBody, verifyWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature';
export { WebhookDeliveryError } from './webhook-error';
export { parseRetryAfter } from './retry-after';
export { AlertDispatcher, type AlertDispatcherOptions, type DispatchResult } from './alert-dispatcher';
export { RecentIds } from './recent-ids';
