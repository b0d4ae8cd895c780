import { EmbeddedStore } from './embedded-store';
import { RemoteStore, type RemoteStoreConfig } from './remote-store';
import type { Store } from './store';

export type StoreConfig = { kind: 'embedded'; dataDir: string } | ({ kind: 'remote' } & RemoteStoreConfig);

/** Opens the configured driver; for a remote store, creates its database first if needed. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'embedded') return new EmbeddedStore(config.dataDir);
  await RemoteStore.ensureDatabase(config);
  return new RemoteStore(config);
}
