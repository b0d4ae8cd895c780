import { createWebhookAlertOutput } from '@prefstream/alert-outputs';
import { createClickHouseAlertOutput, type Store } from '@prefstream/clickhouse';
import { createKafkaAlertOutput, type KafkaConnection } from '@prefstream/kafka';
import type { AlertOutput } from '@prefstream/monitors';
import type { PipelineConfig } from '../config';
import { MonitorService } from './monitor-service';

/** Conversations up to this long have every turn final when their minutes are judged (see monitors.outcomeSettleMs). */
const DEFAULT_CONVERSATION_ALLOWANCE_MS = 30 * 60_000;

/**
 * The monitor service the configuration describes: settle delays from the signal settings, detector
 * settings from `monitors.*`, and the alert outputs from `alerts.*` (the alerts table always; the
 * webhook and the Kafka topic when configured; Kafka needs a connection, which `prefstream run` has).
 */
export async function monitorServiceFromConfig(store: Store, config: PipelineConfig, log: (level: string, message: string) => void, kafka?: KafkaConnection): Promise<MonitorService> {
  const outputs: AlertOutput[] = [];
  const { webhookUrl, webhookSecret, webhookFormat, kafkaTopic, notifySeverity } = config.alerts;
  if (webhookUrl) outputs.push(createWebhookAlertOutput({ url: webhookUrl, secret: webhookSecret, format: webhookFormat, log }));
  if (kafkaTopic) {
    if (!kafka) throw new Error(`alerts.kafkaTopic (${kafkaTopic}) needs Kafka brokers: set --brokers (or PREFSTREAM_KAFKA_BROKERS)`);
    outputs.push(await createKafkaAlertOutput(kafka, kafkaTopic));
  }
  const { sessionGapMs, allowedLatenessMs } = config.signals;
  const service = new MonitorService(store, {
    lookbackMs: config.monitors.lookbackMs,
    settle: { responseMs: allowedLatenessMs, outcomeMs: config.monitors.outcomeSettleMs ?? sessionGapMs + allowedLatenessMs + DEFAULT_CONVERSATION_ALLOWANCE_MS },
    drift: { baselineMinutes: config.monitors.baselineMinutes, minCount: config.monitors.minCount, threshold: config.monitors.cusumThreshold, maxSubjects: config.monitors.maxSubjects },
    notify: { outputs, minSeverity: notifySeverity },
    table: createClickHouseAlertOutput(store),
    log,
  });
  if (outputs.length) log('info', `alerts go to the alerts table and ${outputs.map((o) => o.name).join(', ')} (severity >= ${notifySeverity})`);
  return service;
}
