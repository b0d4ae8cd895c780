import { DEFAULT_REWARD_CONFIG, type SignalEngineConfig, type SignalKind } from '@prefstream/signals';

/** The validated configuration, as `loadConfig` returns it (see settings.ts for each field's meaning). */
export interface PipelineConfig {
  store: { dataDir?: string; url?: string; user: string; password: string; database: string };
  kafka: {
    brokers?: string[];
    topic: string;
    group: string;
    clientId: string;
    deadLetterTopic: string;
    sessionTimeoutMs: number;
    ssl: boolean;
    saslMechanism?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    saslUsername?: string;
    saslPassword?: string;
  };
  ingest: { maxEventBytes: number; batchSize: number; snapshotEveryMs: number; snapshotEverySlices: number };
  signals: { allowedLatenessMs: number; sessionGapMs: number; abandonGapMs: number; rewardWeights?: Record<string, number>; rewardCoefficients?: Record<string, number>; rewardPrior: number };
  models: { stream: ('refusal' | 'toxicity' | 'harmful-request')[] };
  analysis: { everyMs: number };
  monitors: { lookbackMs: number; baselineMinutes: number; minCount: number; maxSubjects: number; outcomeSettleMs?: number; cusumThreshold: number };
  alerts: { webhookUrl?: string; webhookSecret?: string; webhookFormat: 'prefstream' | 'slack'; kafkaTopic?: string; notifySeverity: 'info' | 'warning' | 'critical' };
  privacy: { userHashKey?: string };
  metrics: { port?: number };
  log: { level: 'debug' | 'info' | 'warn' | 'error' };
}

/** Rules that involve more than one setting. */
export function crossCheck(config: PipelineConfig): string[] {
  const problems: string[] = [];
  if (config.store.url && config.store.dataDir) problems.push('store: set either --store DIR (embedded) or --clickhouse-url URL (remote), not both');
  if (config.store.url && !config.privacy.userHashKey) problems.push('privacy.userHashKey: a remote store needs PREFSTREAM_USER_HASH_KEY (at least 16 characters) so user ids are pseudonymised the same way by every worker');
  if (config.kafka.saslMechanism && (!config.kafka.saslUsername || !config.kafka.saslPassword)) problems.push('kafka.saslMechanism is set: also set PREFSTREAM_KAFKA_SASL_USERNAME and PREFSTREAM_KAFKA_SASL_PASSWORD');
  if (config.signals.rewardCoefficients && config.signals.rewardWeights) problems.push('signals: set either PREFSTREAM_REWARD_WEIGHTS (hand mode) or PREFSTREAM_REWARD_COEFFICIENTS (calibrated mode), not both');
  if (config.signals.abandonGapMs > config.signals.sessionGapMs) problems.push(`signals.abandonGapMs (${config.signals.abandonGapMs}) must not exceed signals.sessionGapMs (${config.signals.sessionGapMs}): abandonment is decided before the session closes`);
  if (config.alerts.webhookSecret && !config.alerts.webhookUrl) problems.push('alerts.webhookSecret is set but PREFSTREAM_ALERT_WEBHOOK_URL is not: set the URL too (or drop the secret)');
  return problems;
}

/** The signal engine settings the configuration implies (passed to every partition's processor). */
export function signalEngineConfigOf(config: PipelineConfig): Partial<SignalEngineConfig> {
  const { allowedLatenessMs, sessionGapMs, abandonGapMs, rewardWeights, rewardCoefficients, rewardPrior } = config.signals;
  if (rewardCoefficients) {
    const { '(intercept)': intercept = 0, ...coefficients } = rewardCoefficients;
    return { allowedLatenessMs, sessionGapMs, abandonGapMs, reward: { mode: 'calibrated', coefficients: coefficients as Partial<Record<SignalKind, number>>, intercept } };
  }
  const base = DEFAULT_REWARD_CONFIG.mode === 'hand' ? DEFAULT_REWARD_CONFIG.weights : undefined;
  return {
    allowedLatenessMs, sessionGapMs, abandonGapMs,
    reward: { mode: 'hand', weights: { ...base!, ...(rewardWeights as Partial<Record<SignalKind, number>>) }, prior: rewardPrior },
  };
}
