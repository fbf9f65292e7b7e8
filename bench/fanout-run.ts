// One run of the fan-out benchmark: queue reminders through the outbox, deliver them through the
// fake Slack Web API (real HTTP on loopback) with chaos, and count what Slack accepted per dedupe key.
import { createSlackSender } from '../src/chat/slack/slack-sender';
import { createLogger } from '../src/kernel/logger';
import { createDispatcher, type DrainResult } from '../src/outbox/dispatcher';
import { createOutbox } from '../src/outbox/outbox';
import type { Store } from '../src/store/port';
import { startFakeSlack } from '../test/fakes/fake-slack';
import { round } from './support';

export interface FanoutConfig {
  messages: number;
  users: number;
  /** Messages queued a second time under the same dedupe key (must be refused). */
  requeued: number;
  ratePerSec: number;
  burst: number;
  batch: number;
  /** Fixed delay before retrying a 5xx, instead of the production 1-2 s exponential backoff. */
  backoffMs: number;
  rate429: number;
  rate5xx: number;
  seed: number;
  /** A run still unfinished after this long stops; what it did not deliver is reported lost. */
  timeoutSec: number;
}

const TOKEN = 'xoxb-bench-fanout';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (i: number) => `review-reminder:item-${i}:2026-11-23`;
const userOf = (i: number, users: number) => `U${String(i % users).padStart(5, '0')}`;
/** Each text names its dedupe key, so the fake's calls can be counted per message. */
const textOf = (key: string) => `Reminder [${key}]: an access review is waiting for your decision.`;

/** Queues every message, then `requeued` of them again; says how many the dedupe key refused. */
async function enqueue(store: Store, config: FanoutConfig) {
  const outbox = createOutbox({ repo: store.outbox });
  const send = (i: number) => {
    const key = keyOf(i);
    const target = userOf(i, config.users);
    return outbox.send({ dedupeKey: key, platform: 'slack', target, reply: { text: textOf(key), blocks: [] } });
  };
  const started = performance.now();
  for (let i = 0; i < config.messages; i++) await send(i);
  const seconds = (performance.now() - started) / 1000;
  const step = Math.max(1, Math.floor(config.messages / config.requeued));
  let refused = 0;
  for (let n = 0; n < config.requeued; n++) if (!(await send((n * step) % config.messages)).created) refused += 1;
  return { enqueueSeconds: round(seconds, 2), enqueuedPerSec: round(config.messages / seconds, 0), refused };
}

type Fake = Awaited<ReturnType<typeof startFakeSlack>>;

/** What Slack accepted and refused, counted from the fake's record of every call. */
function tally(fake: Fake, messages: number) {
  const deliveries = new Map<string, number>();
  for (const c of fake.calls) {
    if (c.method !== 'chat.postMessage' || !c.ok) continue;
    const key = /\[([^\]]+)\]/.exec(String(c.args.text))?.[1] ?? '?';
    deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
  }
  const delivered = Array.from({ length: messages }, (_, i) => keyOf(i)).filter((k) => deliveries.has(k)).length;
  const counts = [...deliveries.values()];
  const count = (method: string, test: (call: Fake['calls'][number]) => boolean) =>
    fake.calls.filter((c) => c.method === method && test(c)).length;
  const methods = ['chat.postMessage', 'conversations.open'];
  return {
    delivered,
    lost: messages - delivered,
    duplicated: counts.filter((n) => n > 1).length,
    extraDeliveries: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    calls: Object.fromEntries(
      methods.map((m) => [
        m,
        { total: count(m, () => true), ok: count(m, (c) => c.ok), s429: count(m, (c) => c.status === 429) },
      ]),
    ),
    seen429: fake.calls.filter((c) => c.status === 429).length,
    seen5xx: fake.calls.filter((c) => c.status >= 500).length,
  };
}

/** Drains until every message is sent or dead (or the timeout), with a short pause between drains. */
async function dispatch(store: Store, fake: Fake, config: FanoutConfig) {
  // Warnings and errors the dispatcher logged, counted by message (retries, batches claimed again).
  const logged: Record<string, number> = {};
  const write = (line: string) => {
    const { msg } = JSON.parse(line) as { msg: string };
    logged[msg] = (logged[msg] ?? 0) + 1;
  };
  const dispatcher = createDispatcher({
    log: createLogger({ level: 'warn', destination: { write } }),
    repo: store.outbox,
    senders: { slack: createSlackSender({ token: TOKEN, apiUrl: fake.apiUrl }) },
    rateLimitPerSec: { slack: config.ratePerSec },
    burst: config.burst,
    batch: config.batch,
    backoff: () => config.backoffMs,
  });
  const totals: DrainResult & { drains: number } = { sent: 0, retried: 0, dead: 0, deferred: 0, drains: 0 };
  const started = performance.now();
  const deadline = started + config.timeoutSec * 1000;
  const progress = setInterval(() => {
    const posted = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.ok).length;
    const seconds = Math.round((performance.now() - started) / 1000);
    process.stderr.write(`    ${posted}/${config.messages} posted after ${seconds} s\n`);
  }, 60_000);
  progress.unref();
  try {
    while (totals.sent + totals.dead < config.messages && performance.now() < deadline) {
      const r = await dispatcher.drain();
      for (const k of ['sent', 'retried', 'dead', 'deferred'] as const) totals[k] += r[k];
      totals.drains += 1;
      if (r.sent + r.retried + r.dead === 0) await sleep(20);
    }
  } finally {
    clearInterval(progress);
  }
  return { seconds: (performance.now() - started) / 1000, totals, logged, timedOut: performance.now() >= deadline };
}

/** One variant on one (empty) store: queue, deliver with Slack answering `retryAfterSec` on its 429s. */
export async function fanoutRun(store: Store, config: FanoutConfig, retryAfterSec: number) {
  const fake = await startFakeSlack(TOKEN);
  try {
    const queued = await enqueue(store, config);
    fake.chaos({
      rate429: config.rate429,
      rate5xx: config.rate5xx,
      retryAfterSec,
      seed: config.seed,
      methods: ['chat.postMessage', 'conversations.open'],
    });
    const run = await dispatch(store, fake, config);
    const counted = tally(fake, config.messages);
    const records = await store.outbox.list();
    const status = (s: string) => records.filter((r) => r.status === s).length;
    const effectiveRatePerSec = counted.delivered / run.seconds;
    return {
      retryAfterSec,
      ...queued,
      messages: config.messages,
      delivered: counted.delivered,
      lost: counted.lost,
      duplicated: counted.duplicated,
      dead: status('dead'),
      seen429: counted.seen429,
      seen5xx: counted.seen5xx,
      elapsedSeconds: round(run.seconds, 1),
      effectiveRatePerSec: round(effectiveRatePerSec, 1),
      ratioToConfiguredRate: round(effectiveRatePerSec / config.ratePerSec, 3),
      goalMet: counted.lost === 0 && counted.duplicated === 0 && effectiveRatePerSec >= 0.9 * config.ratePerSec,
      timedOut: run.timedOut,
      extraDeliveries: counted.extraDeliveries,
      calls: counted.calls,
      dispatcher: { ...run.totals, logged: run.logged },
      store: { sent: status('sent'), dead: status('dead'), unfinished: status('pending') + status('sending') },
    };
  } finally {
    await fake.close();
  }
}
