import { PassThrough } from 'node:stream';
import { runCli } from '../cli';

/** Test support: runs `prefstream ...` in-process and collects its output. */
export function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliWithEnv({}, ...argv);
}

/** `cli` with environment variables (secrets, which no flag accepts). */
export async function cliWithEnv(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(argv, { env, stdout, stderr });
  return { code, out, err };
}

/** Rows of a read-only query against a store, as objects. */
export async function queryRows<T = Record<string, unknown>>(store: string, sql: string): Promise<T[]> {
  const { code, out, err } = await cli('query', '--store', store, '--json', sql);
  if (code !== 0) throw new Error(`query failed: ${err}`);
  return out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}
