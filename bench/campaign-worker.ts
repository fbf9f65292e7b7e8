// One phase of the campaign benchmark, in its own process so its peak RSS is its own:
//   pipeline <sources dir> | create <kind> <location> <sources dir>
//   | message <kind> <location> <reviewer id,...> | ceiling <kind> <local store dir> <ceiling location>
// Prints one JSON line; every phase reports `maxRssMiB`, the process's own high-water mark.
import path from 'node:path';
import { reviewsReply } from '../src/chat/review-replies';
import { readEntitlements } from '../src/connectors/entitlements';
import { SourceProblems } from '../src/connectors/read-source';
import { silentLogger } from '../src/kernel/logger';
import { openLocalBackend } from '../src/store/local/local-backend';
import { openMongoBackend } from '../src/store/mongo/mongo-backend';
import { createStore, type Store } from '../src/store/port';
import { createCampaign } from '../src/workflows/access-review/campaign';
import { flagsOf, itemKey } from '../src/workflows/access-review/flags';
import { routeItem } from '../src/workflows/access-review/routing';
import { takeSnapshot } from '../src/workflows/access-review/snapshot';
import type { AccessReviewWorkflow } from '../src/workflows/definition';
import { ceiling } from './campaign-ceiling';
import { FALLBACK, NOW } from './campaign-sources';
import { round, withPeakRss } from './support';

const def: AccessReviewWorkflow = {
  name: 'bench-access-review',
  kind: 'access-review',
  schedule: '0 9 1 1,4,7,10 *',
  timezone: 'Europe/Berlin',
  controls: ['9.2.5', '9.2.3', '9.2.6'],
  enabled: true,
  accessReview: {
    sources: { people: 'people.csv', entitlements: 'entitlements.csv', systems: 'systems.csv' },
    reviewer: 'manager',
    fallbackReviewer: FALLBACK,
    durationDays: 14,
    dormantAfterDays: 90,
    reminders: { everyWorkingDays: 3, dailyWhenOverdue: true },
    escalation: { afterDays: 7, to: ['manager', 'compliance-lead'] },
    unreviewed: 'revoke',
  },
};

const open = async (kind: string, location: string): Promise<Store> =>
  createStore(
    kind === 'local' ? await openLocalBackend(location, silentLogger) : await openMongoBackend(location, silentLogger),
  );

async function create(kind: string, location: string, root: string) {
  const store = await open(kind, location);
  try {
    const cpu = process.cpuUsage();
    const { result, peakRssMiB, seconds } = await withPeakRss(() =>
      createCampaign({ store, def, slot: NOW, now: NOW, root, log: silentLogger }),
    );
    const used = process.cpuUsage(cpu);
    const { summary } = result.campaign;
    return {
      campaignId: result.campaign._id,
      items: summary.items as number,
      reviewers: summary.reviewers as number,
      skippedRows: summary.skippedRows as number,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssMiB,
    };
  } finally {
    await store.close();
  }
}

/**
 * Source processing alone (snapshot, validation, flags, routing) with no store: the CPU floor. It
 * also names the busiest reviewer and a typical one (the median by items) for the message phase.
 */
async function pipeline(root: string) {
  const perReviewer = new Map<string, number>();
  const { result, peakRssMiB, seconds } = await withPeakRss(async () => {
    const settings = def.accessReview;
    const problems = new SourceProblems();
    const snapshot = await takeSnapshot(settings, root, problems);
    const seen = new Set<string>();
    for await (const e of readEntitlements(snapshot.entitlementsFile, problems)) {
      seen.add(itemKey(e));
      const holder = e.person ? snapshot.people.get(e.person) : undefined;
      flagsOf({ entitlement: e, holder, now: NOW, dormantAfterDays: settings.dormantAfterDays, previous: null });
      const { reviewerId } = routeItem({
        holder,
        system: snapshot.systems.get(e.system),
        people: snapshot.people,
        rules: settings,
      });
      perReviewer.set(reviewerId, (perReviewer.get(reviewerId) ?? 0) + 1);
    }
    return seen.size;
  });
  const ranked = [...perReviewer].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [busiest, typical] = [ranked[0], ranked[Math.floor(ranked.length / 2)]] as [string, number][];
  return { items: result, seconds, peakRssMiB, reviewers: ranked.length, busiest, typical };
}

/** What the chat does when a reviewer opens their reviews (review-routes `listFor`), timed. */
async function firstMessage(store: Store, reviewerId: string) {
  const started = process.hrtime.bigint();
  const { open, decided } = await store.reviewItems.forReviewer(reviewerId);
  const reply = reviewsReply(open, { decided, total: decided + open.length });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (reply.blocks.length === 0) throw new Error(`empty reply for ${reviewerId}`);
  return { items: open.length, ms };
}

/** The first message of each reviewer named, built twice: cold, then again with the store warm. */
async function message(kind: string, location: string, reviewerIds: string[]) {
  const started = process.hrtime.bigint();
  const store = await open(kind, location);
  const storeOpenSeconds = round(Number(process.hrtime.bigint() - started) / 1e9, 2);
  try {
    const reviewers = [];
    for (const reviewerId of reviewerIds) {
      const first = await firstMessage(store, reviewerId);
      const again = await firstMessage(store, reviewerId);
      reviewers.push({ reviewerId, items: first.items, firstMs: round(first.ms, 1), againMs: round(again.ms, 1) });
    }
    return { storeOpenSeconds, reviewers };
  } finally {
    await store.close();
  }
}

async function main(): Promise<unknown> {
  const [action, a = '', b = '', c = ''] = process.argv.slice(2);
  switch (action) {
    case 'create':
      return create(a, b, path.resolve(c));
    case 'message':
      return message(a, b, c.split(','));
    case 'ceiling':
      return ceiling(a, b, c);
    case 'pipeline':
      return pipeline(path.resolve(a));
    default:
      throw new Error(`unknown phase ${action}`);
  }
}

main().then(
  (r) =>
    process.stdout.write(
      `${JSON.stringify({ ...(r as object), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 102.4) / 10 })}\n`,
    ),
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = 1;
  },
);
