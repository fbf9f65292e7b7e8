import type { Clock } from '../kernel/clock';

export interface TokenBucket {
  /** Takes a token and returns 0, or takes nothing and returns the milliseconds until one is due. */
  take(): number;
  /** Gives back a token taken for a call the platform turned away unprocessed (a 429); never beyond `burst`. */
  refund(): void;
  /** Hands out nothing before `until` (a platform's Retry-After); an earlier time never shortens a pause. */
  pauseUntil(until: Date): void;
}

/**
 * A token bucket on the injected clock: `ratePerSec` tokens a second, at most `burst` saved up.
 * Callers wait (or hand the work back) for the time `take` returns and ask again.
 */
export function createTokenBucket(options: { ratePerSec: number; burst?: number; clock: Clock }): TokenBucket {
  const { ratePerSec, clock } = options;
  const burst = Math.max(1, options.burst ?? 1);
  if (!(ratePerSec > 0))
    throw new RangeError(`rate must be a positive number of messages per second, got ${ratePerSec}`);
  const msPerToken = 1000 / ratePerSec;
  let tokens = burst;
  let updatedAt = clock.now().getTime();
  let pausedUntil = 0;
  const refill = (now: number) => {
    tokens = Math.min(burst, tokens + Math.max(0, now - updatedAt) / msPerToken);
    updatedAt = now;
  };
  return {
    take() {
      const now = clock.now().getTime();
      if (now < pausedUntil) return pausedUntil - now;
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - tokens) * msPerToken));
    },
    refund() {
      refill(clock.now().getTime());
      tokens = Math.min(burst, tokens + 1);
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until.getTime());
    },
  };
}
