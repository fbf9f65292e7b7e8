import type { Clock } from '../kernel/clock';

/** What a 429 holds: the one conversation it was for, or every call to the platform. */
export type HoldScope = 'target' | 'platform';

export interface TargetHolds {
  /** Milliseconds before `target` may be called again; 0 when it is not held. */
  heldFor(target: string): number;
  /**
   * Records a call to `target` that the platform turned away (429) for `retryAfterMs`, and holds
   * that target until then. Answers 'platform' when the recent calls show a platform-wide limit.
   */
  rateLimited(target: string, retryAfterMs: number): HoldScope;
  /** Records a call the platform did not turn away for its rate (it succeeded, or failed otherwise). */
  answered(): void;
}

export interface TargetHoldsOptions {
  clock: Clock;
  /** How many of the latest calls are looked at (default 20). */
  window?: number;
  /** 429s among them that mean the whole platform is limiting us (default half the window)... */
  threshold?: number;
  /** ...when they came from at least this many targets (default 3). */
  minTargets?: number;
}

/** Expired holds are swept once this many targets are held, so the map tracks only live ones. */
const SWEEP_AT = 256;

/**
 * Where a 429's Retry-After applies. Slack limits chat.postMessage per channel (about one message
 * a second) and also workspace-wide; Teams limits a bot per conversation and per tenant. A 429 for
 * one conversation says that conversation must wait, so only its target is held and the others go
 * on. A platform-wide limit turns away nearly every call, whatever the target: when at least
 * `threshold` of the latest `window` calls were 429s from `minTargets` targets or more, the answer
 * is 'platform' and the caller pauses the whole platform for Retry-After. Scattered 429s (10% of
 * calls, say) come nowhere near that share, so they never stall the other conversations.
 */
export function createTargetHolds(options: TargetHoldsOptions): TargetHolds {
  const { clock } = options;
  const window = options.window ?? 20;
  const threshold = options.threshold ?? Math.ceil(window / 2);
  const minTargets = options.minTargets ?? 3;
  const holds = new Map<string, number>();
  /** The latest calls, oldest first: the target of a 429, or null for a call that was answered. */
  let recent: (string | null)[] = [];

  const note = (limitedTarget: string | null) => {
    recent.push(limitedTarget);
    if (recent.length > window) recent.shift();
  };
  const sweep = (now: number) => {
    for (const [target, until] of holds) if (until <= now) holds.delete(target);
  };

  return {
    heldFor(target) {
      const until = holds.get(target);
      if (until === undefined) return 0;
      const left = until - clock.now().getTime();
      if (left > 0) return left;
      holds.delete(target);
      return 0;
    },
    rateLimited(target, retryAfterMs) {
      const now = clock.now().getTime();
      if (holds.size >= SWEEP_AT) sweep(now);
      holds.set(target, Math.max(holds.get(target) ?? 0, now + retryAfterMs));
      note(target);
      const limited = recent.filter((t): t is string => t !== null);
      if (limited.length < threshold || new Set(limited).size < minTargets) return 'target';
      // One burst of 429s pauses the platform once; the next pause needs a new burst.
      recent = [];
      return 'platform';
    },
    answered() {
      note(null);
    },
  };
}
