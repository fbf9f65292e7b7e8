import type { RequestHandler } from 'express';

/** How long Slack signatures are accepted at all (Bolt rejects older timestamps): replays only matter within it. */
const WINDOW_MS = 5 * 60_000;

/**
 * Refuses a request whose exact signature was already seen in the last five minutes: a replayed
 * body (same timestamp, same signature) gets 401 before Bolt runs any listener. Slack's own
 * retries are signed afresh, so they pass (and are then skipped by the retry middleware). The
 * memory is per process; behind several replicas a replay could reach another one, which is why
 * decisions are also idempotent in the ledger.
 */
export function replayGuard(options: { now?: () => number; log?: (msg: string) => void } = {}): RequestHandler {
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  let nextSweep = now() + WINDOW_MS;
  return (req, res, next) => {
    const signature = req.get('x-slack-signature');
    const timestamp = req.get('x-slack-request-timestamp');
    if (req.method !== 'POST' || !signature || !timestamp) return next();
    const t = now();
    if (t > nextSweep) {
      for (const [key, expires] of seen) if (expires < t) seen.delete(key);
      nextSweep = t + WINDOW_MS;
    }
    const key = `${timestamp}:${signature}`;
    if ((seen.get(key) ?? 0) > t) {
      options.log?.('refused a replayed Slack request (same timestamp and signature)');
      res.status(401).send('replayed request');
      return;
    }
    seen.set(key, t + WINDOW_MS);
    next();
  };
}
