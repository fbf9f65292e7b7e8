import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { OutboxRecord, Platform } from '../store/records';
import type { OutboxRepo } from '../store/repos/outbox';
import type { Backoff } from './backoff';
import { decodePayload } from './payload';
import { isSendError, type Sender } from './sender';
import type { TargetHolds } from './target-holds';
import type { TokenBucket } from './token-bucket';

export type Outcome = 'sent' | 'retried' | 'dead' | 'deferred';

/** A platform's rate limits in this process: its token bucket, and the targets its 429s hold. */
export interface PlatformLimits {
  bucket: TokenBucket;
  holds: TargetHolds;
}

export interface DeliveryOptions {
  repo: OutboxRepo;
  senders: Partial<Record<Platform, Sender>>;
  limitsFor: (platform: Platform) => PlatformLimits;
  clock: Clock;
  log: Logger;
  backoff: Backoff;
  maxAttempts: number;
  /** The longest a message waits for its platform's bucket before it is handed back to the store. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  /** True once the dispatcher is stopping: claimed messages not yet sent are handed back at once. */
  stopping: () => boolean;
}

const describeError = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/**
 * Delivers one claimed message and records what happened: sent, retried later, dead, or handed
 * back unsent (deferred) because its target or platform is rate limited or the dispatcher is stopping.
 *
 * Delivery is at least once. If the process dies (or the store fails) after the platform accepted
 * a message but before `markSent`, the claim expires and the next claimer sends it again: the
 * person sees it twice. Slack's chat.postMessage has no idempotency key (the `client_msg_id` seen
 * on user messages is not one it deduplicates on), so passing the dedupeKey would not close this
 * edge and we do not pretend it does. It is kept narrow: the message is marked sent as soon as the
 * platform answers, and a claim (default 5 min) outlasts a whole batch at the rate limit.
 */
export function createDelivery(options: DeliveryOptions): (record: OutboxRecord) => Promise<Outcome> {
  const { repo, senders, limitsFor, clock, backoff, maxAttempts, maxWaitMs, sleep, stopping } = options;

  const dead = async (record: OutboxRecord, error: string, log: Logger, err?: unknown): Promise<Outcome> => {
    log.error(
      { err, error },
      'outgoing message is dead and will not be retried; it stays in the outbox with its error',
    );
    await repo.markDead(record._id, error);
    return 'dead';
  };

  /** 0 once a token is taken; otherwise how long the platform stays unavailable. */
  const waitForToken = async (bucket: TokenBucket): Promise<number> => {
    for (;;) {
      const wait = bucket.take();
      if (wait === 0) return 0;
      if (wait > maxWaitMs || stopping()) return wait;
      await sleep(wait);
    }
  };

  const handBack = async (record: OutboxRecord, waitMs: number, log: Logger, why: string): Promise<Outcome> => {
    await repo.release(record._id, new Date(clock.now().getTime() + waitMs));
    log.debug({ waitMs }, `${why}; message handed back unsent`);
    return 'deferred';
  };

  /**
   * A rate-limited call (429 + Retry-After) was turned away before the platform did anything, so it
   * used none of the capacity the bucket paces: the token goes back, or each 429 would also cost a
   * send slot and the rate would fall by the 429 share. Retry-After, not the bucket, governs when
   * to call that target again; the whole platform waits only when its 429s say it is limited as a
   * whole (see createTargetHolds). A 5xx keeps its token: the platform may have done the work.
   */
  const rateLimited = (record: OutboxRecord, retryAfterMs: number, now: number, log: Logger) => {
    const { bucket, holds } = limitsFor(record.platform);
    bucket.refund();
    if (holds.rateLimited(record.target, retryAfterMs) === 'target') return;
    bucket.pauseUntil(new Date(now + retryAfterMs));
    log.warn({ retryAfterMs }, 'most recent calls were rate limited, across targets: the whole platform waits');
  };

  const failed = async (record: OutboxRecord, err: unknown, log: Logger): Promise<Outcome> => {
    const reason = describeError(err);
    const retryAfterMs = isSendError(err) ? err.retryAfterMs : undefined;
    const now = clock.now().getTime();
    if (retryAfterMs === undefined) limitsFor(record.platform).holds.answered();
    else rateLimited(record, retryAfterMs, now, log);
    if (isSendError(err) && err.permanent) return dead(record, reason, log, err);
    if (record.attempts >= maxAttempts) {
      return dead(record, `gave up after ${record.attempts} attempts: ${reason}`, log, err);
    }
    const next = new Date(now + (retryAfterMs ?? backoff(record.attempts)));
    log.warn({ err, nextAttemptAt: next }, 'sending failed; will retry');
    await repo.retryLater(record._id, next, reason);
    return 'retried';
  };

  return async (record) => {
    const payload = decodePayload(record.payload);
    const log = options.log.child({
      outboxId: record._id,
      dedupeKey: record.dedupeKey,
      platform: record.platform,
      kind: payload?.kind ?? undefined,
      attempt: record.attempts,
    });
    // Claimed this often without an outcome: each claimer died mid-send. Stop before it kills another.
    if (record.attempts > maxAttempts) {
      return dead(
        record,
        `claimed ${record.attempts} times without finishing: the sending process may crash on it`,
        log,
      );
    }
    const sender = senders[record.platform];
    if (!sender) {
      return dead(
        record,
        `no sender for platform "${record.platform}": configure that platform's credentials for the dispatcher`,
        log,
      );
    }
    if (!payload) return dead(record, 'payload is not an outbox message ({kind, reply}); it cannot be rendered', log);

    const { bucket, holds } = limitsFor(record.platform);
    const held = holds.heldFor(record.target);
    if (held > 0) return handBack(record, held, log, 'target rate limited (Retry-After)');
    const wait = await waitForToken(bucket);
    if (wait > 0 || stopping()) return handBack(record, wait, log, 'platform busy or dispatcher stopping');
    try {
      await sender.send(record.target, payload.reply);
    } catch (err) {
      return failed(record, err, log);
    }
    holds.answered();
    // Outside the try: a store failure here must not be taken for a send failure and resent at once.
    await repo.markSent(record._id, clock.now());
    log.debug('message sent');
    return 'sent';
  };
}
