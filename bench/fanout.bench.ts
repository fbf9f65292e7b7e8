// Reminder fan-out benchmark: 5,000 messages through the outbox and the fake Slack Web API with 10%
// 429s and 2% 5xx, on the embedded store and on MongoDB (FerretDB under `npm run bench`), once with
// Slack's usual `Retry-After: 1` on its 429s and once with `Retry-After: 0`. Counts lost and
// duplicated messages and the effective rate against the configured rate limit; measures how many
// messages a second the store alone can claim and mark sent, the ceiling when it is the bottleneck.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { silentLogger } from '../src/kernel/logger';
import { createOutbox } from '../src/outbox/outbox';
import { openLocalBackend } from '../src/store/local/local-backend';
import { openMongoBackend } from '../src/store/mongo/mongo-backend';
import { createStore, type Store } from '../src/store/port';
import { type FanoutConfig, fanoutRun } from './fanout-run';
import { round } from './support';

/** The benchmark's settings; BENCH_FANOUT_* variables override them. */
export function fanoutConfig(env: NodeJS.ProcessEnv) {
  const num = (name: string, fallback: number) => (env[name] === undefined ? fallback : Number(env[name]));
  const config: FanoutConfig = {
    messages: num('BENCH_FANOUT_MESSAGES', 5000),
    users: num('BENCH_FANOUT_USERS', 1000),
    requeued: num('BENCH_FANOUT_REQUEUED', 200),
    ratePerSec: num('BENCH_FANOUT_RATE', 100),
    burst: num('BENCH_FANOUT_BURST', 10),
    batch: num('BENCH_FANOUT_BATCH', 50),
    backoffMs: num('BENCH_FANOUT_BACKOFF_MS', 200),
    rate429: 0.1,
    rate5xx: 0.02,
    seed: num('BENCH_FANOUT_SEED', 1),
    timeoutSec: num('BENCH_FANOUT_TIMEOUT_S', 5400),
  };
  return {
    ...config,
    ceilingSample: num('BENCH_FANOUT_CEILING_SAMPLE', 300),
    /** The Retry-After values the fake's 429s carry, one variant each. */
    retryAfters: (env.BENCH_FANOUT_RETRY_AFTER ?? '1,0').split(',').map(Number),
  };
}

interface Opened {
  store: Store;
  dispose(): Promise<void>;
}

async function openLocal(): Promise<Opened> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-bench-fanout-'));
  const store = createStore(await openLocalBackend(dir, silentLogger));
  return { store, dispose: () => store.close().then(() => fs.rm(dir, { recursive: true, force: true })) };
}

async function openMongo(mongoUri: string): Promise<Opened> {
  const u = new URL(mongoUri);
  u.pathname = `/cb_bench_fanout_${Date.now()}`;
  const store = createStore(await openMongoBackend(u.toString(), silentLogger));
  return {
    store,
    async dispose() {
      await store.close();
      const conn = await mongoose.createConnection(u.toString()).asPromise();
      await conn.dropDatabase();
      await conn.close();
    },
  };
}

/**
 * The store's own ceiling, on the collection the run left behind: `sample` more messages claimed in
 * batches and marked sent with nothing sent, which is all the store work a message costs when
 * nothing fails. Every message also costs one insert when it is queued (see enqueuedPerSec).
 */
async function storeCeiling(store: Store, sample: number, batch: number) {
  const outbox = createOutbox({ repo: store.outbox });
  for (let i = 0; i < sample; i++) {
    const key = `ceiling:${i}`;
    await outbox.send({ dedupeKey: key, platform: 'slack', target: 'C1', reply: { text: key, blocks: [] } });
  }
  let claimMs = 0;
  let markMs = 0;
  let done = 0;
  while (done < sample) {
    const t0 = performance.now();
    const now = new Date();
    const claimed = await store.outbox.claimDue(now, new Date(now.getTime() + 600_000), batch);
    const t1 = performance.now();
    for (const record of claimed) await store.outbox.markSent(record._id, new Date());
    claimMs += t1 - t0;
    markMs += performance.now() - t1;
    done += claimed.length;
    if (claimed.length === 0) break;
  }
  return {
    sample: done,
    collectionSize: (await store.outbox.list()).length,
    claimedPerSec: round(done / (claimMs / 1000), 1),
    markSentPerSec: round(done / (markMs / 1000), 1),
    messagesPerSec: round(done / ((claimMs + markMs) / 1000), 1),
  };
}

async function onStore(open: () => Promise<Opened>, config: ReturnType<typeof fanoutConfig>) {
  const variants: Record<string, Awaited<ReturnType<typeof fanoutRun>> & { ratioToStoreCeiling?: number }> = {};
  let ceiling: Awaited<ReturnType<typeof storeCeiling>> | null = null;
  for (const [i, retryAfterSec] of config.retryAfters.entries()) {
    process.stderr.write(`  fanout: Retry-After ${retryAfterSec}...\n`);
    const opened = await open();
    try {
      variants[`retryAfter${retryAfterSec}`] = await fanoutRun(opened.store, config, retryAfterSec);
      if (i === config.retryAfters.length - 1) {
        ceiling = await storeCeiling(opened.store, config.ceilingSample, config.batch);
      }
    } finally {
      await opened.dispose();
    }
  }
  if (ceiling) {
    const bound = Math.min(config.ratePerSec, ceiling.messagesPerSec);
    for (const run of Object.values(variants)) run.ratioToStoreCeiling = round(run.effectiveRatePerSec / bound, 3);
  }
  return { ...variants, storeCeiling: ceiling };
}

export async function fanoutBench(mongoUri: string | undefined) {
  const config = fanoutConfig(process.env);
  const loadBefore = os.loadavg().map((n) => round(n, 1));
  const local = await onStore(openLocal, config);
  const mongo = mongoUri ? await onStore(() => openMongo(mongoUri), config) : 'skipped: MONGODB_URI unset';
  return {
    note: [
      `${config.messages} reminders to ${config.users} Slack users (a DM each, so conversations.open is called once per user and cached), plus ${config.requeued} queued again under the same dedupe key, which must be refused.`,
      `Fake Slack on loopback answers ${config.rate429 * 100}% of chat.postMessage and conversations.open calls with 429 and ${config.rate5xx * 100}% with 500/503 (seeded).`,
      "retryAfter1: the 429s carry Retry-After: 1 (what Slack sends for chat.postMessage). The fake's 429s fall on random calls, as Slack's per-channel limit does: the dispatcher holds only the 429's target for Retry-After and pauses the platform only when most recent calls are 429s from several targets (a workspace-wide limit), which 10% scattered 429s never are.",
      'retryAfter0: Retry-After: 0 (RFC 9110 allows 0 seconds), isolating the cost of the failures themselves.',
      `Benchmark backoff: a 5xx is retried after a fixed ${config.backoffMs} ms, not the production exponential backoff (1-2 s for the first retry).`,
      `Configured rate ${config.ratePerSec} msg/s with a burst of ${config.burst} (at most ${config.burst} messages above the rate over the whole run); claimed ${config.batch} at a time.`,
      'delivered: dedupe keys with at least one successful chat.postMessage (each text carries its key); lost = messages - delivered (dead messages count as lost too); duplicated: keys delivered more than once.',
      'effectiveRatePerSec = delivered / elapsed, elapsed from the first drain until every message is sent or dead; goalMet: lost 0, duplicated 0 and ratio >= 0.9.',
      'storeCeiling: claim + markSent of extra messages with nothing sent, on the collection the run left behind: when messagesPerSec is below the configured rate, the store, not Slack, bounds the fan-out. ratioToStoreCeiling = effectiveRatePerSec / min(configured rate, storeCeiling.messagesPerSec).',
      'The benchmark machine is shared: loadAverage shows how busy it was.',
    ],
    config,
    loadAverage: { before: loadBefore, after: os.loadavg().map((n) => round(n, 1)) },
    local,
    mongo,
  };
}
