import type { MutableCollection } from '../collection';
import type { CampaignRecord, ReviewItemRecord } from '../records';

export interface CampaignsRepo {
  create(campaign: CampaignRecord): Promise<void>;
  get(id: string): Promise<CampaignRecord | null>;
  list(filter?: { status?: CampaignRecord['status']; workflow?: string }): Promise<CampaignRecord[]>;
  /** Closes an open campaign; false when it was already closed. */
  close(id: string, closedAt: Date, summary: Record<string, unknown>): Promise<boolean>;
}

export interface ReviewItemsRepo {
  insertMany(items: readonly ReviewItemRecord[]): Promise<void>;
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
}

export function campaignsRepo(col: MutableCollection<CampaignRecord>): CampaignsRepo {
  return {
    create: (campaign) => col.insertMany([campaign]),
    get: (id) => col.findOne({ _id: id }),
    list: (filter = {}) => col.find({ ...filter }, { sort: { startedAt: -1 } }),
    close: (id, closedAt, summary) =>
      col.updateOne({ _id: id, status: 'open' }, { $set: { status: 'closed', closedAt, summary } }),
  };
}

export function reviewItemsRepo(col: MutableCollection<ReviewItemRecord>): ReviewItemsRepo {
  return {
    insertMany: (items) => col.insertMany(items),
    get: (id) => col.findOne({ _id: id }),
    byCampaign: (campaignId) => col.find({ campaignId }, { sort: { _id: 1 } }),
    openForReviewer: (reviewerId) => col.find({ reviewerId, status: 'open' }, { sort: { _id: 1 } }),
    decide: (id, decision) =>
      col.findOneAndUpdate({ _id: id, status: 'open' }, { $set: { ...decision, status: 'decided' } }),
    reassign: (id, fromReviewerId, toReviewerId) =>
      col.updateOne({ _id: id, status: 'open', reviewerId: fromReviewerId }, { $set: { reviewerId: toReviewerId } }),
    async markReminded(id, at, escalationLevel) {
      await col.updateOne({ _id: id }, { $set: { lastRemindedAt: at, escalationLevel }, $inc: { remindersSent: 1 } });
    },
  };
}
