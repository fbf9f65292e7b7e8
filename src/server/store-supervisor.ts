import { isAppError } from '../kernel/errors';
import type { Logger } from '../kernel/logger';
import type { Store } from '../store/port';

export interface StoreSupervisor {
  /** The open store, or null while it is still being reached. */
  current(): Store | null;
  /** Resolves with the store once it is open (never rejects for an unreachable server). */
  whenOpen(): Promise<Store>;
  /** True when the store is open and answers a ping. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export interface SupervisorOptions {
  open: () => Promise<Store>;
  log: Logger;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Opens the store and keeps trying with exponential backoff while it is unreachable, so a server
 * started before its database comes up reports not-ready instead of crash-looping. Errors that
 * retrying cannot fix (a corrupt or locked embedded store) stop the process.
 */
export function superviseStore(options: SupervisorOptions & { onFatal: (err: unknown) => void }): StoreSupervisor {
  const { open, log, onFatal } = options;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let delay = options.initialDelayMs ?? 1000;
  let store: Store | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveOpen: (s: Store) => void = () => undefined;
  const opened = new Promise<Store>((resolve) => {
    resolveOpen = resolve;
  });

  const attempt = async () => {
    try {
      const s = await open();
      if (closed) return void (await s.close());
      store = s;
      log.info({ store: s.kind, location: s.location }, 'store open');
      resolveOpen(s);
    } catch (err) {
      if (closed) return;
      if (!isAppError(err, 'store_unavailable')) return onFatal(err);
      log.error(
        { err: (err as Error).message, retryInMs: delay },
        'store unreachable; /readyz reports not ready until it answers',
      );
      timer = setTimeout(() => {
        inFlight = attempt();
      }, delay);
      delay = Math.min(delay * 2, maxDelay);
    }
  };
  let inFlight: Promise<void> = attempt();

  return {
    current: () => store,
    whenOpen: () => opened,
    async ready() {
      if (!store) return false;
      try {
        await store.ping();
        return true;
      } catch {
        return false;
      }
    },
    /** Stops retrying, waits for an attempt in flight (which then closes what it opened), closes the store. */
    async close() {
      closed = true;
      clearTimeout(timer);
      await inFlight;
      if (store) await store.close();
    },
  };
}
