import { runDevBrokerCli } from '@prefstream/dev-broker';
import type { CliCommand } from '../command';

/** Starts the development Kafka broker (libs/dev-broker). Not for production: use a real Kafka there. */
export const devBrokerCommand: CliCommand = {
  name: 'dev-broker',
  summary: 'Start the development Kafka broker (not for production)',
  usage: 'prefstream dev-broker [--port 9092] [--host 127.0.0.1] [--data-dir DIR] [--partitions 4]',
  options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, partitions: { type: 'string' } },
  async run({ values, stdout }) {
    const argv = Object.entries(values).flatMap(([k, v]) => (typeof v === 'string' ? [`--${k}`, v] : []));
    return runDevBrokerCli(argv, (line) => stdout.write(line + '\n'));
  },
};
