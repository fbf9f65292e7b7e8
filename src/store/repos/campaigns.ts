import { isAppError } from '../../kernel/errors';
import type { MutableCollection } from '../collection';
import type { CampaignProgress, CampaignRecord, ReviewItemRecord } from '../records';

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

export interface ReviewItemsRepo {
  insertMany(items: readonly ReviewItemRecord[]): Promise<void>;
  /** Inserts what is not there yet (by `_id`): a resumed campaign rewrites its last batch safely. */
  insertMissing(items: readonly ReviewItemRecord[]): Promise<number>;
  /** Every item of a campaign in position order, read in pages. */
  scanCampaign(campaignId: string): AsyncIterable<ReviewItemRecord>;
  /** The highest position written for a campaign, or -1. */
  lastPosition(campaignId: string): Promise<number>;
  count(filter: { campaignId?: string; reviewerId?: string; status?: ReviewItemRecord['status'] }): Promise<number>;
  openInCampaign(campaignId: string): Promise<ReviewItemRecord[]>;
  get(id: string): Promise<ReviewItemRecord | null>;
  byCampaign(campaignId: string): Promise<ReviewItemRecord[]>;
  openForReviewer(reviewerId: string): Promise<ReviewItemRecord[]>;
  /** Records a decision on an open item; null when the item is not open any more (decided twice). */
  decide(
    id: string,
    decision: Pick<ReviewItemRecord, 'decision' | 'reason' | 'decidedBy' | 'decidedAt' | 'attestationId'>,
  ): Promise<ReviewItemRecord | null>;
  reassign(id: string, fromReviewerId: string, toReviewerId: string): Promise<boolean>;
  markReminded(id: string, at: Date, escalationLevel: number): Promise<void>;
  /** Decides every item still open in a campaign at once (closing); returns how many. */
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

export function reviewItemsRepo(col: MutableCollection<ReviewItemRecord>): ReviewItemsRepo {
  return {
    insertMany: (items) => col.insertMany(items),
    async insertMissing(items) {
      try {
        await col.insertMany(items);
        return items.length;
      } catch (err) {
        if (!isAppError(err, 'duplicate')) throw err;
      }
      const existing = new Set((await col.find({ _id: { $in: items.map((i) => i._id) } })).map((i) => i._id));
      const missing = items.filter((i) => !existing.has(i._id));
      if (missing.length > 0) await col.insertMany(missing);
      return missing.length;
    },
    scanCampaign: (campaignId) => col.scan({ campaignId }, { orderBy: 'position', pageSize: 1000 }),
    async lastPosition(campaignId) {
      const last = await col.findOne({ campaignId }, { sort: { position: -1 } });
      return last ? last.position : -1;
    },
    count: (filter) => col.count({ ...filter }),
    openInCampaign: (campaignId) => col.find({ campaignId, status: 'open' }, { sort: { position: 1 } }),
    get: (id) => col.findOne({ _id: id }),
    byCampaign: (campaignId) => col.find({ campaignId }, { sort: { _id: 1 } }),
    openForReviewer: (reviewerId) => col.find({ reviewerId, status: 'open' }, { sort: { _id: 1 } }),
    decide: (id, decision) =>
      col.findOneAndUpdate({ _id: id, status: 'open' }, { $set: { ...decision, status: 'decided' } }),
    reassign: (id, fromReviewerId, toReviewerId) =>
      col.updateOne({ _id: id, status: 'open', reviewerId: fromReviewerId }, { $set: { reviewerId: toReviewerId } }),
    decideAllOpen: (campaignId, decision) =>
      col.updateMany({ campaignId, status: 'open' }, { $set: { ...decision, status: 'decided' } }),
    async markReminded(id, at, escalationLevel) {
      await col.updateOne({ _id: id }, { $set: { lastRemindedAt: at, escalationLevel }, $inc: { remindersSent: 1 } });
    },
  };
}
