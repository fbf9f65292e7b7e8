import type { MutableCollection, ReadCollection } from '../collection';
import type { CampaignProgress, CampaignRecord, ReviewInboxRecord, ReviewItemRecord } from '../records';
import { insertMissing } from './insert-missing';
import { itemsAsInbox, reviewInbox } from './review-inbox';
import type { InboxBuilder } from './review-inbox-builder';

export interface CampaignsRepo {
  create(campaign: CampaignRecord): Promise<void>;
  get(id: string): Promise<CampaignRecord | null>;
  list(filter?: { status?: CampaignRecord['status']; workflow?: string }): Promise<CampaignRecord[]>;
  /** Closes an open campaign; false when it was already closed. */
  close(id: string, closedAt: Date, summary: Record<string, unknown>): Promise<boolean>;
  /** Records a reminder or escalation sent to a reviewer of the campaign. */
  noteFollowUp(
    id: string,
    reviewerId: string,
    change: { lastRemindedAt: Date } | { escalationLevel: number },
  ): Promise<void>;
  /** Stores the completion figures of the latest follow-up pass. */
  noteProgress(id: string, progress: CampaignProgress): Promise<void>;
  /** Marks a campaign whose items are all written as open, with its final figures; false unless it was creating. */
  open(id: string, summary: Record<string, unknown>): Promise<boolean>;
}

/**
 * Review items, and each reviewer's inbox of them (review-inbox.ts): what a reviewer's reviews are
 * read from, kept in step by every write below.
 */
export interface ReviewItemsRepo {
  /** Inserts items and adds them to their reviewers' inboxes. */
  insertMany(items: readonly ReviewItemRecord[]): Promise<void>;
  /**
   * Inserts what is not there yet (by `_id`): a resumed campaign rewrites its last batch safely.
   * The inboxes of a starting campaign are written by `inboxBuilder`, once every item is stored.
   */
  insertMissing(items: readonly ReviewItemRecord[]): Promise<number>;
  /**
   * Collects a starting campaign's items, each one (an interrupted run's too, as they were written),
   * then writes its reviewers' inboxes in one go; what an interrupted write stored is kept.
   */
  inboxBuilder(campaignId: string): InboxBuilder;
  /** Every item of a campaign in position order, read in pages. */
  scanCampaign(campaignId: string): AsyncIterable<ReviewItemRecord>;
  /** The highest position written for a campaign, or -1. */
  lastPosition(campaignId: string): Promise<number>;
  count(filter: { campaignId?: string; status?: ReviewItemRecord['status'] }): Promise<number>;
  openInCampaign(campaignId: string): Promise<ReviewItemRecord[]>;
  get(id: string): Promise<ReviewItemRecord | null>;
  byCampaign(campaignId: string): Promise<ReviewItemRecord[]>;
  /**
   * A reviewer's open items in the open campaigns (by `_id`) and how many they decided there, read
   * from their inboxes: one document read by `_id` per open campaign.
   */
  forReviewer(reviewerId: string): Promise<{ open: ReviewItemRecord[]; decided: number }>;
  /**
   * Writes an item's present state into its reviewer's inbox and those of `formerReviewers`:
   * repairs entries an interrupted write left behind the item.
   */
  refreshInbox(item: ReviewItemRecord, formerReviewers?: readonly string[]): Promise<void>;
  /** Records a decision on an open item; null when the item is not open any more (decided twice). */
  decide(
    id: string,
    decision: Pick<ReviewItemRecord, 'decision' | 'reason' | 'decidedBy' | 'decidedAt' | 'attestationId'>,
  ): Promise<ReviewItemRecord | null>;
  reassign(id: string, fromReviewerId: string, toReviewerId: string): Promise<boolean>;
  markReminded(id: string, at: Date, escalationLevel: number): Promise<void>;
  /** Decides every item still open in a campaign at once (closing) and drops its inboxes; returns how many. */
  decideAllOpen(
    campaignId: string,
    decision: Pick<ReviewItemRecord, 'decision' | 'reason' | 'decidedBy' | 'decidedAt'>,
  ): Promise<number>;
}

export function campaignsRepo(col: MutableCollection<CampaignRecord>): CampaignsRepo {
  return {
    create: (campaign) => col.insertMany([campaign]),
    get: (id) => col.findOne({ _id: id }),
    list: (filter = {}) => col.find({ ...filter }, { sort: { startedAt: -1 } }),
    async noteFollowUp(id, reviewerId, change) {
      // Reviewer ids become a key: characters MongoDB gives meaning to are replaced.
      const key = `followUps.${reviewerId.replace(/[.$]/g, '_')}`;
      const set = Object.fromEntries(Object.entries(change).map(([k, v]) => [`${key}.${k}`, v]));
      await col.updateOne({ _id: id }, { $set: set });
    },
    async noteProgress(id, progress) {
      // Reviewer ids become keys: characters MongoDB gives meaning to are replaced.
      const openByReviewer = Object.fromEntries(
        Object.entries(progress.openByReviewer).map(([k, v]) => [k.replace(/[.$]/g, '_'), v]),
      );
      await col.updateOne({ _id: id }, { $set: { progress: { ...progress, openByReviewer } } });
    },
    open: (id, summary) => col.updateOne({ _id: id, status: 'creating' }, { $set: { status: 'open', summary } }),
    close: (id, closedAt, summary) =>
      col.updateOne({ _id: id, status: 'open' }, { $set: { status: 'closed', closedAt, summary } }),
  };
}

/**
 * `inboxes` null: the items are read directly (the embedded store, which holds them in memory);
 * otherwise reviewers' inboxes are kept in that collection (MongoDB, FerretDB).
 */
export function reviewItemsRepo(
  col: MutableCollection<ReviewItemRecord>,
  inboxes: MutableCollection<ReviewInboxRecord> | null,
  campaigns: ReadCollection<CampaignRecord>,
): ReviewItemsRepo {
  const inbox = inboxes ? reviewInbox(inboxes, campaigns) : itemsAsInbox(col, campaigns);
  /** Copies an item an update returned (null: nothing matched) into the inboxes concerned. */
  const updated = async (item: ReviewItemRecord | null, formerReviewers: string[] = []) => {
    if (item) await inbox.note([item], formerReviewers);
    return item;
  };
  return {
    async insertMany(items) {
      await col.insertMany(items);
      await inbox.note(items);
    },
    insertMissing: (items) => insertMissing(col, items),
    inboxBuilder: (campaignId) => inbox.builder(campaignId),
    scanCampaign: (campaignId) => col.scan({ campaignId }, { orderBy: 'position', pageSize: 1000 }),
    async lastPosition(campaignId) {
      const last = await col.findOne({ campaignId }, { sort: { position: -1 } });
      return last ? last.position : -1;
    },
    count: (filter) => col.count({ ...filter }),
    openInCampaign: (campaignId) => col.find({ campaignId, status: 'open' }, { sort: { position: 1 } }),
    get: (id) => col.findOne({ _id: id }),
    byCampaign: (campaignId) => col.find({ campaignId }, { sort: { _id: 1 } }),
    forReviewer: (reviewerId) => inbox.read(reviewerId),
    refreshInbox: (item, formerReviewers) => inbox.note([item], formerReviewers),
    decide: async (id, decision) =>
      updated(await col.findOneAndUpdate({ _id: id, status: 'open' }, { $set: { ...decision, status: 'decided' } })),
    async reassign(id, fromReviewerId, toReviewerId) {
      const item = await col.findOneAndUpdate(
        { _id: id, status: 'open', reviewerId: fromReviewerId },
        { $set: { reviewerId: toReviewerId } },
      );
      return (await updated(item, [fromReviewerId])) !== null;
    },
    async decideAllOpen(campaignId, decision) {
      const decided = await col.updateMany(
        { campaignId, status: 'open' },
        { $set: { ...decision, status: 'decided' } },
      );
      await inbox.drop(campaignId);
      return decided;
    },
    async markReminded(id, at, escalationLevel) {
      await updated(
        await col.findOneAndUpdate(
          { _id: id },
          { $set: { lastRemindedAt: at, escalationLevel }, $inc: { remindersSent: 1 } },
        ),
      );
    },
  };
}
