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
  ingest: { maxEventBytes: number; batchSize: number };
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
  return problems;
}
