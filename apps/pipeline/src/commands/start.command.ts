import { startDevBroker } from '@prefstream/dev-broker';
import { createRecordProducer, ensureTopics } from '@prefstream/kafka';
import { PacedSyntheticTraffic } from '@prefstream/sources';
import { UsageError, type CliCommand } from '../command';
import { loadConfig } from '../config';
import { DEFAULT_STORE_DIR } from '../store-from-config';
import { createLogger, terminationSignal } from './logger';
import { runPipeline } from './run.command';
import { DEFAULT_DASHBOARD_PORT, portFlag, serveDashboard } from './serve-dashboard';

/**
 * `npm start`: everything locally on embedded defaults. The dev broker (data in .prefstream/kafka), the
 * pipeline writing to the embedded ClickHouse store (.prefstream/store), the read-only dashboard on :8080
 * (sharing the pipeline's store object), metrics on :9464, and a steady stream of seeded synthetic chat
 * traffic so there is something to look at. Ctrl-C stops it cleanly.
 */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Start everything locally: dev broker, pipeline on the embedded store, synthetic traffic',
  usage: `prefstream start [--rate 200] [--kafka-port 9092] [--dashboard-port ${DEFAULT_DASHBOARD_PORT} (0: off)] [--no-traffic]`,
  usesConfig: true,
  options: { rate: { type: 'string' }, 'kafka-port': { type: 'string' }, 'dashboard-port': { type: 'string' }, 'no-traffic': { type: 'boolean' } },
  async run({ values, env, stdout, stderr }) {
    const rate = Number(values.rate ?? 200);
    if (!(rate > 0)) throw new UsageError(`--rate must be a positive number of events per second, got ${JSON.stringify(values.rate)}`);
    const dashboardPort = portFlag(values['dashboard-port'], 'dashboard-port', DEFAULT_DASHBOARD_PORT);
    const broker = await startDevBroker({ port: Number(values['kafka-port'] ?? 9092), dataDir: '.prefstream/kafka', partitions: 4 }).catch(() => startDevBroker({ port: 0, dataDir: '.prefstream/kafka', partitions: 4 }));
    const config = loadConfig({ flags: { 'metrics-port': '9464', store: DEFAULT_STORE_DIR, ...values, brokers: broker.brokers }, env, file: values.config as string | undefined });
    const log = createLogger(config, stdout, stderr);
    log('info', `dev broker (development only) on ${broker.brokers}`);
    await ensureTopics({ brokers: [broker.brokers], clientId: 'prefstream-start' }, [{ topic: config.kafka.topic, partitions: 4 }]);
    const stop = terminationSignal();
    let trafficStopped = false;
    const traffic = values['no-traffic'] ? Promise.resolve() : (async () => {
      const producer = await createRecordProducer({ brokers: [broker.brokers], clientId: 'prefstream-demo-traffic' });
      // Conversations unfold over minutes of event time; each event is sent once its event time has come,
      // so what reaches Kafka is in event-time order (as real clients send it) and nothing is late.
      const seed = Date.now() % 100000;
      const plan = new PacedSyntheticTraffic({ eventsPerSecond: rate, startMs: Date.now(), seed, idPrefix: `demo${seed}-` });
      while (!trafficStopped) {
        const batch = plan.due(Date.now());
        if (batch.length > 0) await producer.send(config.kafka.topic, batch.map((e) => ({ key: e.conversation_id, value: JSON.stringify(e) })));
        await new Promise((r) => setTimeout(r, 250));
      }
      await producer.disconnect();
    })();
    log('info', 'running. Try: curl -s localhost:9464/metrics | grep prefstream_ ; after Ctrl-C: npx prefstream query "SELECT type, count() FROM raw_events GROUP BY type"');
    const code = await runPipeline(config, log, stop.then((why) => ((trafficStopped = true), why)), dashboardPort === 0 ? undefined : (store) => serveDashboard(store, { port: dashboardPort, log, fallbackToFreePort: true }));
    await traffic.catch(() => undefined);
    await broker.stop();
    return code;
  },
};
