import http from 'node:http';
import express, { type Express } from 'express';
import type { Logger } from '../kernel/logger';
import { type Metrics, metricsText } from './metrics';

export interface ServerOptions {
  log: Logger;
  /** Readiness: the store answers. */
  ready: () => Promise<boolean>;
  metrics: Metrics;
  /** Channel adapters (Slack, Teams, web chat) mount their own routes here. */
  mounts?: ((app: Express) => void)[];
}

export interface HttpServer {
  app: Express;
  listen(port: number, host?: string): Promise<{ port: number }>;
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * The one HTTP server: health, readiness and metrics here, channels mounted by their adapters.
 * No body parser is installed globally, because Slack's signature covers the raw body.
 */
export function createServer(options: ServerOptions): HttpServer {
  const { log, ready, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      metrics.requests.inc(`${req.method} ${res.statusCode}`);
      log.debug(
        {
          method: req.method,
          url: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await ready();
    metrics.storeReady = ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', store: ok ? 'reachable' : 'unreachable' });
  });
  app.get('/metrics', async (_req, res) => {
    metrics.storeReady = await ready();
    res.type('text/plain; version=0.0.4').send(metricsText(metrics));
  });
  for (const mount of options.mounts ?? []) mount(app);
  const server = http.createServer(app);

  return {
    app,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve({ port: typeof address === 'object' && address ? address.port : port });
        });
      }),
    close: (timeoutMs = 10_000) =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
