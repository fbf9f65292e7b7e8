import type { DirectoryPerson } from '../../connectors/directory';
import type { Entitlement } from '../../connectors/entitlements';
import { type EntitlementsThread, startEntitlementsThread } from '../../connectors/entitlements-thread';
import { RowProblem, SourceProblems } from '../../connectors/read-source';
import { AppError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logger';
import type { Store } from '../../store/port';
import { type CampaignRecord, OPEN_ITEM_STATE, type ReviewItemRecord } from '../../store/records';
import type { AccessReviewWorkflow } from '../definition';
import { slotKey } from '../schedule';
import { type Flag, flagsOf, itemKey } from './flags';
import { orderedWriter } from './ordered-writer';
import { type Routed, routeItem } from './routing';
import { entitlementsFileOf, type Snapshot, takeSnapshot } from './snapshot';

const BATCH = 1000;
const DAY_MS = 86_400_000;

export interface CampaignOutcome {
  campaign: CampaignRecord;
  /** False when the campaign already existed and was complete (a repeated run of the same slot). */
  created: boolean;
}

/** The keys of the previous campaign of the same workflow, for the `new` flag; null on the first. */
async function previousKeys(store: Store, def: AccessReviewWorkflow, currentId: string) {
  const previous = (await store.campaigns.list({ workflow: def.name })).find(
    (c) => c._id !== currentId && c.status !== 'creating',
  );
  if (!previous) return null;
  const keys = new Set<string>();
  for await (const item of store.reviewItems.scanCampaign(previous._id)) keys.add(itemKey(item));
  return keys;
}

async function syncDirectory(store: Store, snapshot: Snapshot) {
  return store.people.sync(
    [...snapshot.people.values()].map((p) => ({
      _id: p.id,
      email: p.email,
      name: p.name,
      managerId: p.manager,
      department: p.department,
      status: p.status,
      roles: p.roles,
      updatedAt: new Date(),
    })),
  );
}

const reviewItem = (
  campaignId: string,
  position: number,
  e: Entitlement & { line: number },
  holder: DirectoryPerson | undefined,
  flags: Flag[],
  routed: Routed,
): ReviewItemRecord => ({
  _id: `${campaignId}#${position}`,
  campaignId,
  position,
  reviewerId: routed.reviewerId,
  subjectId: holder?.id ?? e.person,
  subjectName: holder?.name ?? (e.person ? `unknown person ${e.person}` : `no owner (${e.account})`),
  system: e.system,
  account: e.account,
  entitlement: e.role,
  flags,
  facts: {
    privileged: e.privileged,
    lastLogin: e.lastLogin ? e.lastLogin.toISOString() : null,
    holderStatus: holder?.status ?? null,
    routedVia: routed.via,
    sourceLine: e.line,
  },
  ...OPEN_ITEM_STATE,
});

/** What `writeItems` needs besides the rows: the campaign, its sources and where to resume. */
interface ItemRun {
  store: Store;
  id: string;
  settings: AccessReviewWorkflow['accessReview'];
  snapshot: Snapshot;
  previous: ReadonlySet<string> | null;
  flaggedAt: Date;
  resumeFrom: number;
  problems: SourceProblems;
  log: Logger;
}

/**
 * Streams the entitlements into review items in source order, flagged and routed, and stores the
 * ones from `resumeFrom` on in batches; every item goes to the inboxes. Returns the counts.
 */
async function writeItems(run: ItemRun, entitlements: EntitlementsThread) {
  const { store, id, settings, snapshot, problems } = run;
  const inbox = store.reviewItems.inboxBuilder(id);
  const seen = new Set<string>();
  const flagCounts: Partial<Record<Flag, number>> = {};
  const reviewers = new Set<string>();
  const writer = orderedWriter<ReviewItemRecord>(async (items) => {
    const written = await store.reviewItems.insertMissing(items);
    run.log.debug({ campaign: id, upTo: items[items.length - 1]?.position, written }, 'review items written');
    return written;
  });
  let batch: ReviewItemRecord[] = [];
  let position = 0;
  try {
    for await (const rows of entitlements.batches(problems)) {
      for (const e of rows) {
        const key = itemKey(e);
        if (seen.has(key)) {
          problems.add(
            new RowProblem(snapshot.entitlementsFile, e.line, `${key} is listed twice; the first row is used`),
          );
          continue;
        }
        seen.add(key);
        const holder = e.person ? snapshot.people.get(e.person) : undefined;
        const flags = flagsOf({
          entitlement: e,
          holder,
          now: run.flaggedAt,
          dormantAfterDays: settings.dormantAfterDays,
          previous: run.previous,
        });
        for (const f of flags) flagCounts[f] = (flagCounts[f] ?? 0) + 1;
        const system = snapshot.systems.get(e.system);
        const routed = routeItem({ holder, system, people: snapshot.people, rules: settings });
        reviewers.add(routed.reviewerId);
        const item = reviewItem(id, position++, e, holder, flags, routed);
        inbox.add(item);
        if (item.position < run.resumeFrom) continue;
        batch.push(item);
        if (batch.length === BATCH) {
          await writer.write(batch);
          batch = [];
        }
      }
    }
    if (batch.length > 0) await writer.write(batch);
  } catch (err) {
    await writer.settle();
    throw err;
  }
  const written = await writer.done();
  await inbox.write();
  return { items: position, written, reviewers: reviewers.size, flags: flagCounts };
}

/**
 * Starts (or, after a crash, finishes starting) the campaign of one slot: snapshots the sources,
 * syncs the directory, then streams the entitlements into review items in source order, flagged
 * and routed, in batches. Item ids are derived from the campaign and the position, so a resumed
 * run rewrites at most its last batch and never duplicates or drops an item; flags are computed as
 * of the campaign's start, so a resumed run computes the very items the interrupted one wrote. Once
 * every item is stored, each reviewer's inbox is written (the items, again, for reading by `_id`),
 * and only then does the campaign leave `creating`. The entitlements are read and validated on a
 * thread of their own from the start, alongside the snapshot, the directory sync and the writes.
 */
export async function createCampaign(options: {
  store: Store;
  def: AccessReviewWorkflow;
  slot: Date;
  now: Date;
  root: string;
  log: Logger;
}): Promise<CampaignOutcome> {
  const { store, def, slot, now, log } = options;
  const settings = def.accessReview;
  const id = slotKey(def, slot);
  const existing = await store.campaigns.get(id);
  if (existing && existing.status !== 'creating') return { campaign: existing, created: false };

  const entitlements = startEntitlementsThread(entitlementsFileOf(settings, options.root));
  try {
    const problems = new SourceProblems();
    const snapshot = await takeSnapshot(settings, options.root, problems);
    if (existing && existing.summary.sourcesHash !== snapshot.sourcesHash) {
      throw new AppError(
        'conflict',
        `campaign ${id}: its source files changed since it started; restore them or close the campaign by hand`,
      );
    }
    const directory = await syncDirectory(store, snapshot);
    const previous = await previousKeys(store, def, id);
    if (!existing) {
      await store.campaigns.create({
        _id: id,
        workflow: def.name,
        kind: def.kind,
        name: `${def.name} ${slot.toISOString().slice(0, 10)}`,
        status: 'creating',
        startedAt: now,
        dueAt: new Date(now.getTime() + settings.durationDays * DAY_MS),
        closedAt: null,
        summary: { sourcesHash: snapshot.sourcesHash, controls: def.controls },
        followUps: {},
      });
    }
    const resumeFrom = existing ? Math.max(0, (await store.reviewItems.lastPosition(id)) - BATCH + 1) : 0;
    if (existing) log.info({ campaign: id, resumeFrom }, 'resuming a campaign that was interrupted');
    const flaggedAt = existing?.startedAt ?? now;
    const run = { store, id, settings, snapshot, previous, flaggedAt, resumeFrom, problems, log };
    const { items, written, reviewers, flags } = await writeItems(run, entitlements);
    const summary = {
      sourcesHash: snapshot.sourcesHash,
      controls: def.controls,
      items,
      reviewers,
      flags,
      skippedRows: problems.count,
      problems: problems.first.slice(0, 20).map(String),
      directory,
      resumed: existing !== null,
    };
    await store.campaigns.open(id, summary);
    log.info({ campaign: id, items, written, skippedRows: problems.count }, 'access review campaign started');
  } finally {
    await entitlements.close();
  }
  return { campaign: { ...((await store.campaigns.get(id)) as CampaignRecord) }, created: true };
}
