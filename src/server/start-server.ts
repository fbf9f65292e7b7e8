import type { Config } from '../config/config';
import type { Logger } from '../kernel/logger';
import { openStore } from '../store/open-store';
import { createServer } from './create-server';
import { createMetrics } from './metrics';
import { superviseStore } from './store-supervisor';

export interface RunningServer {
  port: number;
  /** Stops accepting, lets in-flight requests finish, closes the store. */
  stop(): Promise<void>;
  /** Resolves once the server has stopped (by stop() or a signal). */
  stopped: Promise<void>;
}

/**
 * The composition root of `controlbot start`: the only place concrete parts are wired together.
 * SIGTERM and SIGINT shut down gracefully.
 */
export async function startServer(options: {
  config: Config;
  log: Logger;
  host?: string;
  handleSignals?: boolean;
}): Promise<RunningServer> {
  const { config, log } = options;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stop: () => Promise<void> = async () => undefined;
  const supervisor = superviseStore({
    open: () => openStore(config.store, log),
    log,
    onFatal: (err) => {
      log.fatal({ err: (err as Error).message }, 'cannot open the store');
      process.exitCode = 1;
      void stop();
    },
  });
  const metrics = createMetrics();
  const server = createServer({ log, ready: supervisor.ready, metrics });
  const { port } = await server.listen(config.port, options.host);
  log.info({ port, store: config.store.kind }, `controlbot listening on http://localhost:${port}`);

  let stopping: Promise<void> | undefined;
  stop = () => {
    stopping ??= (async () => {
      log.info('shutting down: no new connections, finishing in-flight requests');
      await server.close();
      await supervisor.close();
      log.info('stopped');
      resolveStopped();
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop());
  }
  return { port, stop, stopped };
}
