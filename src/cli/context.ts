import { loadCatalog } from '../catalog/load-catalog';
import type { Config } from '../config/config';
import { loadConfig } from '../config/load-config';
import { createLogger, type Logger } from '../kernel/logger';
import { createLedger, type Ledger } from '../ledger/ledger';
import { openStore } from '../store/open-store';
import type { Store } from '../store/port';
import type { CliIO } from './io';

export type Env = Record<string, string | undefined>;

/** What every command gets: the environment it was started with and where to write. */
export interface CommandDeps {
  env: Env;
  io: CliIO;
}

export interface CommandContext {
  config: Config;
  log: Logger;
}

/** Config and a logger on stderr, so stdout stays clean for JSON and exports. */
export function commandContext(deps: CommandDeps): CommandContext {
  const config = loadConfig(deps.env);
  const log = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    destination: deps.io.stderr,
  });
  return { config, log };
}

/** Opens the store for one command and always closes it. */
export async function withStore<T>(ctx: CommandContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(ctx.config.store, ctx.log);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function ledgerFor(store: Store, log: Logger): Promise<Ledger> {
  const catalog = await loadCatalog();
  return createLedger({
    attestations: store.attestations,
    catalogVersion: catalog.version,
    isKnownControl: (id) => catalog.get(id) !== undefined,
    log,
  });
}
