import { parseArgs } from 'node:util';
import { startDevBroker } from './server';

/** `prefstream dev-broker --port N [--data-dir D] [--partitions P] [--host H]`: runs until SIGINT/SIGTERM. */
export async function runDevBrokerCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string', default: '9092' }, host: { type: 'string', default: '127.0.0.1' }, 'data-dir': { type: 'string' }, partitions: { type: 'string', default: '4' } } });
  const port = Number(values.port);
  const partitions = Number(values.partitions);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`--partitions must be a positive integer, got ${values.partitions}`);
  const broker = await startDevBroker({ port, host: values.host, dataDir: values['data-dir'], partitions, log: (m) => out(`[dev-broker] ${m}`) });
  out(`[dev-broker] DEVELOPMENT BROKER - not for production. Brokers: ${broker.brokers}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await broker.stop();
  return 0;
}
