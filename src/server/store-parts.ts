import path from 'node:path';
import type { Catalog } from '../catalog/control';
import type { Config } from '../config/config';
import { AppError } from '../kernel/errors';
import type { Logger } from '../kernel/logger';
import { createLedger, type Ledger } from '../ledger/ledger';
import { createOutbox, type Outbox } from '../outbox/outbox';
import type { Store } from '../store/port';
import type { OutboxRepo } from '../store/repos/outbox';

export const requireStore = (store: Store | null): Store => {
  if (!store) throw new AppError('store_unavailable', 'the store is not open yet');
  return store;
};
export const requireLedger = (ledger: Ledger | null): Ledger => {
  if (!ledger) throw new AppError('store_unavailable', 'the store is not open yet');
  return ledger;
};

/**
 * The ledger and outbox of whatever store is open now: built once per store (the supervisor may
 * reopen it), so the ledger's group commit and its view of the chain tail stay one per store.
 */
export function storeParts(current: () => Store | null, catalog: Catalog, log: Logger) {
  let built: { store: Store; ledger: Ledger; outbox: Outbox } | undefined;
  const partsOf = () => {
    const store = current();
    if (!store) return undefined;
    if (built?.store !== store) {
      built = {
        store,
        ledger: createLedger({
          attestations: store.attestations,
          catalogVersion: catalog.version,
          isKnownControl: (id) => catalog.get(id) !== undefined,
          log,
        }),
        outbox: createOutbox({ repo: store.outbox, log }),
      };
    }
    return built;
  };
  return {
    store: current,
    ledger: () => partsOf()?.ledger ?? null,
    outbox: () => partsOf()?.outbox ?? null,
  };
}

/** The outbox repository of the open store, for the dispatcher, which starts before the store may be open. */
export function lazyOutboxRepo(current: () => Store | null): OutboxRepo {
  const repo = () => requireStore(current()).outbox;
  return {
    enqueue: (m) => repo().enqueue(m),
    claimDue: (...a) => repo().claimDue(...a),
    markSent: (...a) => repo().markSent(...a),
    retryLater: (...a) => repo().retryLater(...a),
    markDead: (...a) => repo().markDead(...a),
    release: (...a) => repo().release(...a),
    get: (id) => repo().get(id),
    list: (f) => repo().list(f),
  };
}

/** Where closing campaigns write remediation lists: beside the embedded store, else ./exports. */
export const exportsDirFor = (config: Pick<Config, 'store'>) =>
  config.store.kind === 'local' ? path.join(config.store.dataDir, 'exports') : path.resolve('exports');
