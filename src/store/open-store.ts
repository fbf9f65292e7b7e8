import type { StoreConfig } from '../config/config';
import type { Logger } from '../kernel/logger';
import { openLocalBackend } from './local/local-backend';
import { openMongoBackend } from './mongo/mongo-backend';
import { createStore, type Store } from './port';

/** Opens the store the configuration names: MongoDB when MONGODB_URI is set, the embedded one otherwise. */
export async function openStore(config: StoreConfig, log: Logger): Promise<Store> {
  const backend =
    config.kind === 'mongo' ? await openMongoBackend(config.uri, log) : await openLocalBackend(config.dataDir, log);
  return createStore(backend);
}
