import { startDevBroker } from '@prefstream/dev-broker';
import { createRecordProducer, ensureTopics } from '@prefstream/kafka';
import { generateSyntheticTraffic } from '@prefstream/sources';
import type { CliCommand } from '../command';
import { loadConfig } from '../config';
import { DEFAULT_STORE_DIR } from '../store-from-config';
import { createLogger, runPipeline, terminationSignal } from './run.command';

/**
 * `npm start`: everything locally on embedded defaults. The dev broker (data in .prefstream/kafka), the
 * pipeline writing to the embedded ClickHouse store (.prefstream/store), metrics on :9464, and a steady
 * stream of seeded synthetic chat traffic so there is something to look at. Ctrl-C stops it cleanly.
 */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Start everything locally: dev broker, pipeline on the embedded store, synthetic traffic',
  usage: 'prefstream start [--rate 200] [--kafka-port 9092] [--no-traffic]',
  usesConfig: true,
  options: { rate: { type: 'string' }, 'kafka-port': { type: 'string' }, 'no-traffic': { type: 'boolean' } },
  async run({ values, env, stdout, stderr }) {
    const broker = await startDevBroker({ port: Number(values['kafka-port'] ?? 9092), dataDir: '.prefstream/kafka', partitions: 4 }).catch(() => startDevBroker({ port: 0, dataDir: '.prefstream/kafka', partitions: 4 }));
    const config = loadConfig({ flags: { 'metrics-port': '9464', store: DEFAULT_STORE_DIR, ...values, brokers: broker.brokers }, env, file: values.config as string | undefined });
    const log = createLogger(config, stdout, stderr);
    log('info', `dev broker (development only) on ${broker.brokers}`);
    await ensureTopics({ brokers: [broker.brokers], clientId: 'prefstream-start' }, [{ topic: config.kafka.topic, partitions: 4 }]);
    const stop = terminationSignal();
    let trafficStopped = false;
    const traffic = values['no-traffic'] ? Promise.resolve() : (async () => {
      const producer = await createRecordProducer({ brokers: [broker.brokers], clientId: 'prefstream-demo-traffic' });
      const rate = Number(values.rate ?? 200);
      for (let seed = Date.now() % 100000; !trafficStopped; seed++) {
        // Fresh conversations each round, stamped with the current time so dashboards show "now".
        const start = Date.now();
        const batch = [...generateSyntheticTraffic({ conversations: Math.max(1, Math.round(rate / 8)), seed, idPrefix: `demo${seed}`, startMs: start, conversationGapMs: 1000 / Math.max(1, rate / 8) })];
        await producer.send(config.kafka.topic, batch.map((e) => ({ key: e.conversation_id, value: JSON.stringify(e) })));
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 * (batch.length / rate) - (Date.now() - start))));
      }
      await producer.disconnect();
    })();
    log('info', 'running. Try: curl -s localhost:9464/metrics | grep prefstream_ ; after Ctrl-C: npx prefstream query "SELECT type, count() FROM raw_events GROUP BY type"');
    const code = await runPipeline(config, log, stop.then((why) => ((trafficStopped = true), why)));
    await traffic.catch(() => undefined);
    await broker.stop();
    return code;
  },
};
