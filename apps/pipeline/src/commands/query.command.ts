import { UsageError, type CliCommand } from '../command';
import { loadConfig } from '../config';
import { openConfiguredStore } from '../store-from-config';

/** Renders rows as an aligned text table for a terminal. */
export function renderTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const columns = Object.keys(rows[0]);
  const cell = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  const widths = columns.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (values: string[]) => values.map((v, i) => (v.length > widths[i] ? v.slice(0, widths[i] - 1) + '…' : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n') + '\n';
}

/** Lets anyone look inside a store. Read-only: the store refuses any write in the statement. */
export const queryCommand: CliCommand = {
  name: 'query',
  summary: 'Run a read-only SQL query against a store and print the rows',
  usage: 'prefstream query [--store DIR | --clickhouse-url URL] [--json] "SELECT ..."',
  usesConfig: true,
  options: { json: { type: 'boolean' } },
  async run({ values, positionals, env, stdout }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one SQL statement, quoted');
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const store = await openConfiguredStore(config, { migrate: false });
    try {
      const rows = await store.query<Record<string, unknown>>(positionals[0], {}, { readonly: true });
      stdout.write(values.json ? rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '') : renderTable(rows));
    } finally {
      await store.close();
    }
    return 0;
  },
};
