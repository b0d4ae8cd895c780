import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, openStore, type Store } from '@prefstream/clickhouse';
import type { PipelineConfig } from './config';

export const DEFAULT_STORE_DIR = path.join('.prefstream', 'store');

/** Opens the configured store (embedded by default) and brings its schema up to date. */
export async function openConfiguredStore(config: PipelineConfig, options: { migrate?: boolean } = {}): Promise<Store> {
  const store = config.store.url
    ? await openStore({ kind: 'remote', url: config.store.url, user: config.store.user, password: config.store.password, database: config.store.database })
    : await openStore({ kind: 'embedded', dataDir: config.store.dataDir ?? DEFAULT_STORE_DIR });
  if (options.migrate ?? true) await migrate(store);
  return store;
}

/**
 * The key that pseudonymises user ids. From the environment when set (required for a remote store, so
 * every worker agrees); for an embedded store, created once next to its data and reused.
 */
export function userHashKey(config: PipelineConfig): string {
  if (config.privacy.userHashKey) return config.privacy.userHashKey;
  const dir = config.store.dataDir ?? DEFAULT_STORE_DIR;
  const file = `${dir.replace(/[\\/]+$/, '')}.user-hash-key`;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
