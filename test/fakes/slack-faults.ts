/**
 * Failures the fake Slack Web API can answer with, the way real Slack fails: HTTP 429 with
 * `Retry-After: <seconds>` and `{"ok":false,"error":"ratelimited"}`, a bare 5xx from its edge,
 * or HTTP 200 with `{"ok":false,"error":"<code>"}` (a platform error such as channel_not_found).
 */
export type SlackFault =
  | { method?: string; status: 429 | 500 | 503; retryAfter?: number; times?: number }
  | { method?: string; error: string; times?: number };

export interface ChaosOptions {
  /** Share of calls answered with 429 (0..1). */
  rate429: number;
  /** Share of calls answered with 500 or 503 (0..1). */
  rate5xx: number;
  /** Retry-After on chaos 429s, in seconds (default 1). */
  retryAfterSec?: number;
  /** Seed of the generator, so a run can be repeated (default 1). */
  seed?: number;
  /** Only these methods fail (default: every Web API method). */
  methods?: string[];
}

/** What the fake answers with instead of the method's normal result. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** mulberry32: a small seeded generator, good enough to pick which calls fail. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function answer(fault: SlackFault): FaultAnswer {
  if ('error' in fault)
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ ok: false, error: fault.error }) };
  if (fault.status === 429) {
    return {
      status: 429,
      headers: { ...JSON_HEADERS, 'retry-after': String(fault.retryAfter ?? 1) },
      body: JSON.stringify({ ok: false, error: 'ratelimited' }),
    };
  }
  const text = fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error';
  return { status: fault.status, headers: { 'content-type': 'text/plain' }, body: text };
}

export function createSlackFaults() {
  /** Injected faults still to come, in order; each answers `times` matching calls (default 1). */
  const pending: (SlackFault & { left: number })[] = [];
  let chaos: (ChaosOptions & { random: () => number }) | null = null;
  return {
    pending,
    inject(fault: SlackFault): void {
      pending.push({ ...fault, left: fault.times ?? 1 });
    },
    /** Fails a share of calls at random (seeded); `null` turns it off. */
    chaos(options: ChaosOptions | null): void {
      chaos = options ? { ...options, random: seeded(options.seed ?? 1) } : null;
    },
    /** The failure this call gets, if any. */
    next(method: string): FaultAnswer | null {
      const i = pending.findIndex((f) => f.method === undefined || f.method === method);
      const fault = pending[i];
      if (fault) {
        fault.left -= 1;
        if (fault.left <= 0) pending.splice(i, 1);
        return answer(fault);
      }
      if (!chaos || (chaos.methods && !chaos.methods.includes(method))) return null;
      const roll = chaos.random();
      if (roll < chaos.rate429) return answer({ status: 429, retryAfter: chaos.retryAfterSec ?? 1 });
      if (roll < chaos.rate429 + chaos.rate5xx) return answer({ status: chaos.random() < 0.5 ? 500 : 503 });
      return null;
    },
  };
}
