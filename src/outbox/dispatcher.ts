import { type Clock, systemClock } from '../kernel/clock';
import { type Logger, silentLogger } from '../kernel/logger';
import type { Platform } from '../store/records';
import type { OutboxRepo } from '../store/repos/outbox';
import { type Backoff, exponentialBackoff } from './backoff';
import { createDelivery, type PlatformLimits } from './deliver';
import { createDrain, type DrainResult } from './drain';
import type { Sender } from './sender';
import { createTargetHolds } from './target-holds';
import { createTokenBucket } from './token-bucket';

export type { DrainResult } from './drain';

export interface Dispatcher {
  /** Claims and delivers due messages, batch after batch, until none is due. */
  drain(): Promise<DrainResult>;
  /** Drains now and then every `intervalMs` after the previous drain ends; the timer never keeps Node alive. */
  start(intervalMs?: number): void;
  /** Stops the timer, lets in-flight sends finish, hands back claimed messages not yet sent, and waits. */
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  repo: OutboxRepo;
  senders: Partial<Record<Platform, Sender>>;
  clock?: Clock;
  log?: Logger;
  /** Messages per second, per platform, for this process (default 20 for each platform). */
  rateLimitPerSec?: Partial<Record<Platform, number>>;
  /** Messages a platform may send back to back before its rate applies (default 1: evenly spaced). */
  burst?: number;
  /** Messages claimed at once (default 50); the next batch is claimed while one is being sent. */
  batch?: number;
  /** Failed attempts after which a message is dead (default 8). */
  maxAttempts?: number;
  /** Delay before the next attempt; default min(2^attempt s, 15 min) with jitter from `random`. */
  backoff?: Backoff;
  random?: () => number;
  /** How waiting for a rate limit is done; tests pass one that advances a fixed clock. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * How long a claim lasts before another process may take the message over (default 5 min). Keep
   * it above two batches at the rate limit: a batch claimed ahead whose turn comes later than half
   * of it is handed back and claimed again.
   */
  claimTtlMs?: number;
  /** A platform unavailable for longer than this gets its claimed messages handed back (default 5 s). */
  maxWaitMs?: number;
}

/**
 * Per platform, per process. Slack allows chat.postMessage about one message per second per
 * channel with short bursts, and more across channels; 20/s spreads a digest run without tripping
 * its limits often, and the 429 + Retry-After path handles the rest.
 */
export const DEFAULT_RATE_PER_SEC = 20;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers what the outbox queued. Each platform has its own token bucket and its own holds on
 * the targets its 429s named, and a platform's messages go out one at a time while platforms
 * proceed side by side. Rate limits are per process: replicas running a dispatcher each get the
 * full rate. Replicas never send the same claimed message twice (see OutboxRepo.claimDue).
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { repo } = options;
  const clock = options.clock ?? systemClock;
  const log = (options.log ?? silentLogger).child({ component: 'outbox-dispatcher' });
  const limits = new Map<Platform, PlatformLimits>();
  const limitsFor = (platform: Platform): PlatformLimits => {
    let platformLimits = limits.get(platform);
    if (!platformLimits) {
      const ratePerSec = options.rateLimitPerSec?.[platform] ?? DEFAULT_RATE_PER_SEC;
      platformLimits = {
        bucket: createTokenBucket({ ratePerSec, burst: options.burst, clock }),
        holds: createTargetHolds({ clock }),
      };
      limits.set(platform, platformLimits);
    }
    return platformLimits;
  };
  let stopping = false;
  const deliver = createDelivery({
    repo,
    senders: options.senders,
    limitsFor,
    clock,
    log,
    backoff: options.backoff ?? exponentialBackoff({ random: options.random }),
    maxAttempts: options.maxAttempts ?? 8,
    maxWaitMs: options.maxWaitMs ?? 5000,
    sleep: options.sleep ?? realSleep,
    stopping: () => stopping,
  });

  const drainAll = createDrain({
    repo,
    deliver,
    clock,
    log,
    batch: options.batch ?? 50,
    claimTtlMs: options.claimTtlMs ?? 5 * 60_000,
    stopping: () => stopping,
  });

  const inFlight = new Set<Promise<unknown>>();
  const drain = (): Promise<DrainResult> => {
    const run = drainAll();
    const settled = run.catch(() => undefined);
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return run;
  };

  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const later = (ms: number, intervalMs: number) => {
    timer = setTimeout(() => void tick(intervalMs), ms);
    timer.unref();
  };
  const tick = async (intervalMs: number) => {
    timer = null;
    try {
      await drain();
    } catch (err) {
      log.error({ err }, 'outbox drain failed; claimed messages are retried once their claim expires');
    }
    if (running) later(intervalMs, intervalMs);
  };

  return {
    drain,
    start(intervalMs = 1000) {
      if (running) return;
      running = true;
      later(0, intervalMs);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      stopping = true;
      try {
        while (inFlight.size > 0) await Promise.all([...inFlight]);
      } finally {
        stopping = false;
      }
    },
  };
}
