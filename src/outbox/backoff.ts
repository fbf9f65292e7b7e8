/** Milliseconds to wait before attempt `attempt + 1`, given that `attempt` (1-based) just failed. */
export type Backoff = (attempt: number) => number;

/**
 * Exponential backoff with "equal jitter": the ceiling is min(2^attempt s, cap), and the delay is
 * drawn from its upper half, so retries from many messages spread out yet never come back at once.
 */
export function exponentialBackoff(options: { random?: () => number; baseMs?: number; capMs?: number } = {}): Backoff {
  const random = options.random ?? Math.random;
  const baseMs = options.baseMs ?? 1000;
  const capMs = options.capMs ?? 15 * 60_000;
  return (attempt) => {
    const ceiling = Math.min(baseMs * 2 ** Math.max(0, attempt), capMs);
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  };
}
