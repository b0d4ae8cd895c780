import { appliedVersions, loadMigrations, migrate, migrateDown } from '@prefstream/clickhouse';
import { UsageError, type CliCommand } from '../command';
import { loadConfig } from '../config';
import { openConfiguredStore } from '../store-from-config';

/** Runs the schema migrations alone (the pipeline also runs them at start-up). */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply (or roll back) the ClickHouse schema migrations',
  usage: 'prefstream migrate [--store DIR | --clickhouse-url URL] [--to N] [--down N] [--status]',
  usesConfig: true,
  options: { to: { type: 'string' }, down: { type: 'string' }, status: { type: 'boolean' } },
  async run({ values, env, stdout }) {
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const version = (flag: 'to' | 'down') => {
      const n = Number(values[flag]);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${flag} needs a migration number (0 or more)`);
      return n;
    };
    const store = await openConfiguredStore(config, { migrate: false });
    try {
      const known = loadMigrations();
      if (values.status) {
        const applied = new Set(await appliedVersions(store));
        for (const m of known) stdout.write(`${applied.has(m.version) ? 'applied' : 'pending'}  ${String(m.version).padStart(4, '0')}_${m.name}\n`);
        return 0;
      }
      const done = values.down !== undefined ? await migrateDown(store, { target: version('down') }) : await migrate(store, { target: values.to !== undefined ? version('to') : undefined });
      stdout.write(done.length ? `${values.down !== undefined ? 'rolled back' : 'applied'}: ${done.join(', ')}\n` : 'schema is up to date\n');
    } finally {
      await store.close();
    }
    return 0;
  },
};
