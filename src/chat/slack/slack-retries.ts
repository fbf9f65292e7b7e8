import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../kernel/logger';

/** Slack retries after about 0 s, 1 min and 5 min; an event id is remembered a while longer. */
const REMEMBER_MS = 10 * 60_000;
/** Most event ids remembered at once; the oldest are forgotten first. */
const MAX_REMEMBERED = 20_000;

/**
 * A global middleware that answers each Events API event once. Slack re-sends an event
 * (X-Slack-Retry-Num) when it thinks the first delivery was missed. A retry is dropped when this
 * process received the event already, or when Slack says the first delivery timed out
 * (`http_timeout`: it reached a server, maybe another replica, which is answering it). A retry
 * whose first delivery reached nobody (`connection_failed`, `http_error`…, e.g. during a restart)
 * is answered, so a message is not lost. Interactivity payloads carry no event id and are not
 * retried by Slack; double clicks are made harmless by the core (idempotent decisions).
 */
export function answerEventsOnce(log: Logger, now: () => number = Date.now): Middleware<AnyMiddlewareArgs> {
  const seen = new Map<string, number>();
  const remember = (id: string) => {
    const t = now();
    for (const [key, until] of seen) {
      if (until > t && seen.size < MAX_REMEMBERED) break;
      seen.delete(key);
    }
    seen.set(id, t + REMEMBER_MS);
  };
  return async ({ context, body, next }) => {
    const { type, event_id: eventId } = body as { type?: string; event_id?: string };
    if (type !== 'event_callback' || !eventId) return next();
    const known = (seen.get(eventId) ?? 0) > now();
    if (known || (context.retryNum && context.retryReason === 'http_timeout')) {
      log.info(
        { platform: 'slack', eventId, retryNum: context.retryNum, reason: context.retryReason, known },
        'ignored a Slack retry of an event already being answered',
      );
      return;
    }
    remember(eventId);
    await next();
  };
}
