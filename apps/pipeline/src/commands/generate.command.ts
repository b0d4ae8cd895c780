import fs from 'node:fs';
import { createRecordProducer, ensureTopics } from '@prefstream/kafka';
import { generateSyntheticTraffic } from '@prefstream/sources';
import { UsageError, type CliCommand } from '../command';
import { loadConfig } from '../config';
import { kafkaConnection } from './run.command';

/** Writes seeded synthetic chat traffic to Kafka (keyed by conversation) or to an ndjson file. */
export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'Produce seeded synthetic chat traffic to Kafka or an ndjson file (demo, load tests)',
  usage: 'prefstream generate --conversations N [--seed S] [--partitions P] (--brokers HOST:PORT [--topic T] | --out FILE.ndjson)',
  usesConfig: true,
  options: { conversations: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, partitions: { type: 'string' }, 'rate-per-second': { type: 'string' } },
  async run({ values, env, stdout }) {
    const conversations = Number(values.conversations);
    if (!Number.isInteger(conversations) || conversations < 1) throw new UsageError('--conversations must be a positive integer');
    const events = generateSyntheticTraffic({ conversations, seed: Number(values.seed ?? 1), idPrefix: `s${values.seed ?? 1}` });
    if (values.out) {
      const fd = fs.openSync(values.out as string, 'w');
      let n = 0;
      for (const event of events) {
        fs.writeSync(fd, JSON.stringify(event) + '\n');
        n++;
      }
      fs.closeSync(fd);
      stdout.write(`wrote ${n} events to ${values.out}\n`);
      return 0;
    }
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const connection = kafkaConnection(config);
    await ensureTopics(connection, [{ topic: config.kafka.topic, partitions: Number(values.partitions ?? 4) }]);
    const producer = await createRecordProducer(connection);
    const rate = values['rate-per-second'] ? Number(values['rate-per-second']) : undefined;
    const started = Date.now();
    let n = 0;
    let batch: { key: string; value: string }[] = [];
    const flush = async () => {
      await producer.send(config.kafka.topic, batch);
      batch = [];
      if (rate) {
        const ahead = (n / rate) * 1000 - (Date.now() - started);
        if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
      }
    };
    for (const event of events) {
      batch.push({ key: event.conversation_id, value: JSON.stringify(event) });
      n++;
      if (batch.length >= (rate ? Math.max(1, Math.min(1000, rate / 10)) : 2000)) await flush();
    }
    if (batch.length) await flush();
    await producer.disconnect();
    stdout.write(`produced ${n} events to ${config.kafka.topic}\n`);
    return 0;
  },
};
