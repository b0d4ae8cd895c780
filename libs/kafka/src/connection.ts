import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';

/** How to reach a Kafka cluster; mirrors the `kafka.*` pipeline settings. */
export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Where client log lines go; kafkajs is chatty at info, so only warnings and errors by default. */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string, extra: Record<string, unknown>) => void;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const LEVELS: Record<number, 'debug' | 'info' | 'warn' | 'error'> = { [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info', [logLevel.DEBUG]: 'debug' };

/** Builds the kafkajs client. This file and its neighbours are the only place kafkajs is imported. */
export function createKafka(connection: KafkaConnection): Kafka {
  const config: KafkaConfig = {
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl ?? false,
    connectionTimeout: connection.connectionTimeoutMs ?? 3000,
    requestTimeout: connection.requestTimeoutMs ?? 30000,
    // kafkajs warns about its own defaults (partitioner change, idempotent retries) at WARN; errors are what matter.
    logLevel: connection.log ? logLevel.ERROR : logLevel.NOTHING,
    logCreator: () => ({ level, log }) => {
      const { message, ...extra } = log;
      connection.log?.(LEVELS[level] ?? 'info', `[kafkajs] ${message}`, extra);
    },
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 5000 },
  };
  if (connection.sasl) config.sasl = { ...connection.sasl } as SASLOptions;
  return new Kafka(config);
}
