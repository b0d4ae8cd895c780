import type { Store } from '@prefstream/clickhouse';
import { UsageError, type CliCommand } from '../command';
import { loadConfig, signalEngineConfigOf, type PipelineConfig } from '../config';
import { startIngest } from '../ingest/ingest-runner';
import { startMetricsServer } from '../metrics/metrics-server';
import { createPipelineMetrics } from '../metrics/pipeline-metrics';
import { openConfiguredStore, userHashKey } from '../store-from-config';
import { createLogger, terminationSignal, type Log } from './logger';
import { portFlag, serveDashboard } from './serve-dashboard';
import { combineCompanions, type StoreCompanion } from './store-companion';
import { analysisCompanion } from '../monitoring/analysis-companion';

export function kafkaConnection(config: PipelineConfig, log?: (level: string, message: string) => void) {
  if (!config.kafka.brokers?.length) throw new UsageError('no Kafka brokers: set --brokers HOST:PORT (or PREFSTREAM_KAFKA_BROKERS)');
  return {
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    ssl: config.kafka.ssl,
    sasl: config.kafka.saslMechanism ? { mechanism: config.kafka.saslMechanism, username: config.kafka.saslUsername!, password: config.kafka.saslPassword! } : undefined,
    log: log ? (level: string, message: string) => log(level, message) : undefined,
  };
}

/** Longest a graceful stop may take (in-flight batches get 15 s of it) before the process exits anyway. */
const STOP_DEADLINE_MS = 30_000;
/** Longest the companions (dashboard, analysis loop) get to close after the pipeline has stopped. */
const COMPANION_CLOSE_MS = 10_000;

/** Whether `work` resolved within `ms` (a timer that does not keep the process alive). */
const settlesWithin = (work: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([work.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref())]);

/**
 * Runs the ingestion pipeline until `stopSignal` resolves (or a fatal error); returns the exit code.
 * Shared by `prefstream run` and `prefstream start`. `companion` gets the pipeline's own store object once
 * it is open (the embedded store admits one session per data directory, so nothing else can open it) and
 * is closed before the store.
 */
export async function runPipeline(config: PipelineConfig, log: Log, stopSignal: Promise<string>, companion?: StoreCompanion): Promise<number> {
  const connection = kafkaConnection(config, log);
  const store = await openConfiguredStore(config);
  const metrics = createPipelineMetrics();
  // The analysis loop shares the pipeline's store object, as the dashboard does (one embedded session per data directory).
  const companions = combineCompanions(analysisCompanion(config, log, connection, metrics), companion);
  const attached = companions ? await companions(store).catch((error: unknown) => store.close().then(() => Promise.reject(error))) : undefined;
  // If the rest fails to start, what did start must not keep the process alive (the analysis loop's timer,
  // the dashboard), still raising alerts with no pipeline behind it.
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  let runner: Awaited<ReturnType<typeof startIngest>>;
  try {
    metricsServer = config.metrics.port !== undefined ? await startMetricsServer(metrics.registry, config.metrics.port) : undefined;
    if (metricsServer) log('info', `metrics on http://127.0.0.1:${metricsServer.port}/metrics`);
    runner = await startIngest({
      connection,
      topic: config.kafka.topic,
      group: config.kafka.group,
      deadLetterTopic: config.kafka.deadLetterTopic,
      store,
      userHashKey: userHashKey(config),
      maxEventBytes: config.ingest.maxEventBytes,
      signals: signalEngineConfigOf(config),
      streamModels: config.models.stream,
      sessionTimeoutMs: config.kafka.sessionTimeoutMs,
      snapshotEveryMs: config.ingest.snapshotEveryMs,
      snapshotEverySlices: config.ingest.snapshotEverySlices,
      metrics,
      log,
    });
  } catch (error) {
    await attached?.close().catch(() => undefined);
    await metricsServer?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
  log('info', `consuming ${config.kafka.topic} as group ${config.kafka.group} from ${connection.brokers.join(',')}`);
  let stopping: Promise<void> | undefined;
  void stopSignal.then((why) => {
    log('info', `${why}: stopping (finishing in-flight batches, snapshotting, committing, leaving the group)`);
    stopping ??= runner.stop();
  });
  let code = 0;
  await runner.done.catch((error) => {
    log('error', `fatal: ${(error as Error).message}`);
    code = 1;
  });
  // Bounded: a stop that cannot finish (a store gone for good, a stuck client) must not hang the process;
  // the next owner resumes from the last durable snapshot either way.
  const stopped = await settlesWithin(stopping ?? runner.stop(0), STOP_DEADLINE_MS);
  if (!stopped) {
    log('error', `stop did not finish within ${STOP_DEADLINE_MS / 1000} s; exiting anyway (the next owner resumes from the last snapshot)`);
    code = code || 1;
  }
  // Bounded too: an analysis pass stuck on an unreachable store or webhook must not keep the process up.
  const companionsClosed = await settlesWithin((attached?.close() ?? Promise.resolve()).catch((error: unknown) => log('error', `closing the dashboard / analysis loop: ${(error as Error).message}`)), COMPANION_CLOSE_MS);
  if (!companionsClosed) log('error', `the dashboard / analysis loop did not close within ${COMPANION_CLOSE_MS / 1000} s; exiting anyway`);
  await metricsServer?.close();
  await store.close();
  log('info', 'stopped');
  return code;
}

/** `prefstream run`: consume the events topic and write everything to ClickHouse until SIGTERM/SIGINT. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Consume events from Kafka and write results to ClickHouse (effectively once)',
  usage: 'prefstream run --brokers HOST:PORT[,..] [--topic T] [--group G] [--store DIR | --clickhouse-url URL] [--metrics-port N] [--dashboard-port N]',
  usesConfig: true,
  options: { 'dashboard-port': { type: 'string' } },
  async run({ values, env, stdout, stderr }) {
    // Off unless asked for; with the embedded store it is the only way to read it while the pipeline runs.
    const dashboardPort = values['dashboard-port'] === undefined ? undefined : portFlag(values['dashboard-port'], 'dashboard-port', 0);
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const log = createLogger(config, stdout, stderr);
    const dashboard = dashboardPort === undefined ? undefined : (store: Store) => serveDashboard(store, { port: dashboardPort, log });
    const code = await runPipeline(config, log, terminationSignal(), dashboard);
    // Everything is flushed and closed by now; a client timer left behind must not keep the process alive.
    setTimeout(() => process.exit(code), 2000).unref();
    return code;
  },
};
