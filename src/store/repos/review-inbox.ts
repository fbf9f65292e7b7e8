import { isAppError } from '../../kernel/errors';
import type { MutableCollection, ReadCollection } from '../collection';
import type { CampaignRecord, ReviewInboxRecord, ReviewItemRecord } from '../records';
import { type InboxBuilder, inboxBuilder } from './review-inbox-builder';
import { entryOf, inboxId, positionOf, type Summary, unpack } from './review-inbox-entry';

/**
 * Reviewers' inboxes: for each campaign and reviewer, that reviewer's items copied into one small
 * document of `review_inbox`, so a reviewer's reviews are one read by `_id` per open campaign.
 * FerretDB v1 (SQLite) uses no index for any query: `_id` equality is filtered inside SQLite, which
 * still reads the whole table, and any other filter decodes every document. Reading a reviewer's
 * items from `review_items` therefore costs a pass over every item; a pass over the inboxes of the
 * open campaigns, a fraction of the size, stays short.
 *
 * `review_items` stays the truth. An entry is the item as the repository's last write left it,
 * written right after the item; a write lost in between (a crash, two replicas updating one inbox
 * at once) leaves a stale entry until the item is touched again (`note` via `refreshInbox`).
 */
export interface ReviewInbox {
  /** A reviewer's open items in open campaigns and how many they decided there. */
  read(reviewerId: string): Promise<{ open: ReviewItemRecord[]; decided: number }>;
  /** Copies items as just written into the inboxes of their reviewers and of `formerReviewers`. */
  note(items: readonly ReviewItemRecord[], formerReviewers?: readonly string[]): Promise<void>;
  builder(campaignId: string): InboxBuilder;
  /** Removes a campaign's inboxes (it is closing: every item is decided). */
  drop(campaignId: string): Promise<void>;
}

/** An item as an inbox holds it: packed whole, or just whose it is and whether it is decided. */
type Entry = unknown[] | Summary;

/** Runs the tasks of one key one after another: FerretDB v1 rewrites a whole document per update. */
function oneAtATime() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const result = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    tail.then(() => tails.get(key) === tail && tails.delete(key));
    return result;
  };
}

interface Changes {
  campaignId: string;
  reviewerId: string;
  changes: Record<string, string>;
  /** Whether to make the inbox if there is none: only for an item open for its reviewer. */
  create: boolean;
}

export function reviewInbox(
  col: MutableCollection<ReviewInboxRecord>,
  campaigns: ReadCollection<CampaignRecord>,
): ReviewInbox {
  const serially = oneAtATime();

  /** One campaign's entries of a reviewer, by position: as assigned, then as changed since. */
  async function entries(campaignId: string, reviewerId: string) {
    const byPosition = new Map<string, Entry>();
    const first = await col.findOne({ _id: inboxId(campaignId, reviewerId) });
    if (!first) return byPosition;
    const rest = await Promise.all(
      Array.from({ length: first.parts - 1 }, (_, i) => col.findOne({ _id: inboxId(campaignId, reviewerId, i + 1) })),
    );
    for (const part of [first, ...rest]) {
      for (const values of JSON.parse(part?.assigned ?? '[]') as unknown[][])
        byPosition.set(positionOf(values), values);
    }
    for (const [position, entry] of Object.entries(first.changes)) byPosition.set(position, JSON.parse(entry) as Entry);
    return byPosition;
  }

  async function write(id: string, w: Changes) {
    const $set = Object.fromEntries(Object.entries(w.changes).map(([position, e]) => [`changes.${position}`, e]));
    if ((await col.updateOne({ _id: id }, { $set })) || !w.create) return;
    const { campaignId, reviewerId, changes } = w;
    try {
      await col.insertMany([{ _id: id, campaignId, reviewerId, parts: 1, assigned: '[]', changes }]);
    } catch (err) {
      if (!isAppError(err, 'duplicate')) throw err;
      await col.updateOne({ _id: id }, { $set });
    }
  }

  return {
    async read(reviewerId) {
      const open: ReviewItemRecord[] = [];
      let decided = 0;
      const ids = (await campaigns.find({ status: 'open' })).map((c) => c._id);
      const inboxes = await Promise.all(ids.map((id) => entries(id, reviewerId)));
      inboxes.forEach((byPosition, i) => {
        for (const entry of byPosition.values()) {
          const item = Array.isArray(entry) ? unpack(entry, ids[i] as string, reviewerId) : null;
          const state: Summary = item ?? (entry as Summary);
          if (state.reviewerId !== reviewerId) continue;
          if (state.status === 'decided') decided += 1;
          else if (item) open.push(item);
        }
      });
      open.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
      return { open, decided };
    },
    async note(items, formerReviewers = []) {
      const writes = new Map<string, Changes>();
      for (const item of items) {
        for (const reviewerId of new Set([item.reviewerId, ...formerReviewers])) {
          const id = inboxId(item.campaignId, reviewerId);
          const w = writes.get(id) ?? { campaignId: item.campaignId, reviewerId, changes: {}, create: false };
          w.changes[String(item.position)] = entryOf(item, reviewerId);
          // A decided item makes no inbox: a closed campaign's were dropped and stay so.
          w.create ||= item.status === 'open' && item.reviewerId === reviewerId;
          writes.set(id, w);
        }
      }
      for (const [id, w] of writes) await serially(id, () => write(id, w));
    },
    builder: (campaignId) => inboxBuilder(col, campaignId),
    drop: async (campaignId) => {
      await col.deleteMany({ campaignId });
    },
  };
}

/**
 * The embedded store's inboxes: the items themselves. NeDB holds every item in memory and finds a
 * reviewer's among 200,000 in a fraction of a second, so a second copy of each item (about 110 MB
 * at that size) would buy nothing there.
 */
export function itemsAsInbox(
  items: ReadCollection<ReviewItemRecord>,
  campaigns: ReadCollection<CampaignRecord>,
): ReviewInbox {
  return {
    async read(reviewerId) {
      const ids = (await campaigns.find({ status: 'open' })).map((c) => c._id);
      if (ids.length === 0) return { open: [], decided: 0 };
      const mine = await items.find({ reviewerId, campaignId: { $in: ids } }, { sort: { _id: 1 } });
      const open = mine.filter((i) => i.status === 'open');
      return { open, decided: mine.length - open.length };
    },
    note: async () => undefined,
    builder: () => ({ add: () => undefined, write: async () => undefined }),
    drop: async () => undefined,
  };
}
