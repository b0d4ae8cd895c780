import { ClickHouseError } from '@prefstream/clickhouse';
import type { CliCommand } from '../command';
import { loadConfig } from '../config';
import { DEFAULT_STORE_DIR, openConfiguredStore } from '../store-from-config';
import { createLogger, terminationSignal } from './logger';
import { DEFAULT_DASHBOARD_PORT, portFlag, serveDashboard } from './serve-dashboard';

/** `prefstream dashboard`: the read-only dashboard alone, against any store. */
export const dashboardCommand: CliCommand = {
  name: 'dashboard',
  summary: 'Serve the read-only real-time dashboard over a store',
  usage: `prefstream dashboard [--store DIR | --clickhouse-url URL] [--port ${DEFAULT_DASHBOARD_PORT}] [--host 127.0.0.1]   (--port 0: any free port)`,
  usesConfig: true,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ values, env, stdout, stderr }) {
    const port = portFlag(values.port, 'port', DEFAULT_DASHBOARD_PORT);
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const log = createLogger(config, stdout, stderr);
    // Read-only: no migration (that would be a write); a store without the schema answers with errors the page shows.
    const store = await openConfiguredStore(config, { migrate: false }).catch((error: unknown) => {
      if (config.store.url) throw error;
      // chdb locks an embedded data directory for one process: most likely a pipeline has it open.
      throw new ClickHouseError(`cannot open the embedded store ${config.store.dataDir ?? DEFAULT_STORE_DIR}: ${(error as Error).message}. If a pipeline (\`prefstream start\` or \`run\`) has it open, use the dashboard that \`prefstream start\` serves, or stop the pipeline first.`, undefined, false, error);
    });
    try {
      const server = await serveDashboard(store, { port, host: values.host as string | undefined, log });
      const why = await terminationSignal();
      log('info', `${why}: stopping the dashboard`);
      await server.close();
    } finally {
      await store.close();
    }
    log('info', 'stopped');
    return 0;
  },
};
