import { isAppError } from '../../kernel/errors';
import type { MutableCollection } from '../collection';
import type { OutboxRecord } from '../records';

export interface OutboxRepo {
  /** Adds a message unless one with the same dedupeKey exists; `created` says which happened. */
  enqueue(message: OutboxRecord): Promise<{ record: OutboxRecord; created: boolean }>;
  /**
   * Claims up to `limit` messages that are due (or whose previous claim expired) until `claimUntil`,
   * one atomic single-document update each, so two senders never claim the same message.
   */
  claimDue(now: Date, claimUntil: Date, limit: number): Promise<OutboxRecord[]>;
  markSent(id: string, at: Date): Promise<void>;
  retryLater(id: string, nextAttemptAt: Date, error: string): Promise<void>;
  markDead(id: string, error: string): Promise<void>;
  /**
   * Hands a claimed message back unsent (its platform is paused, or the sender is shutting down):
   * pending again from `nextAttemptAt`, and the claim's attempt is not counted.
   */
  release(id: string, nextAttemptAt: Date): Promise<void>;
  get(id: string): Promise<OutboxRecord | null>;
  list(filter?: { status?: OutboxRecord['status'] }): Promise<OutboxRecord[]>;
}

export function outboxRepo(col: MutableCollection<OutboxRecord>): OutboxRepo {
  return {
    async enqueue(message) {
      try {
        await col.insertMany([message]);
        return { record: message, created: true };
      } catch (err) {
        if (!isAppError(err, 'duplicate')) throw err;
        const existing = await col.findOne({ dedupeKey: message.dedupeKey });
        if (!existing) throw err;
        return { record: existing, created: false };
      }
    },
    async claimDue(now, claimUntil, limit) {
      const claimed: OutboxRecord[] = [];
      const due = {
        $or: [
          { status: 'pending', nextAttemptAt: { $lte: now } },
          { status: 'sending', claimedUntil: { $lte: now } },
        ],
      };
      const claim = { $set: { status: 'sending', claimedUntil: claimUntil }, $inc: { attempts: 1 } };
      // One sorted query finds the batch (each such query is a scan of the collection on NeDB and on
      // FerretDB v1), then each message is claimed by `_id` with the due condition repeated, so one
      // that another sender claimed in between is skipped. Only then is it worth looking again.
      while (claimed.length < limit) {
        const wanted = limit - claimed.length;
        const candidates = await col.find(due, { sort: { nextAttemptAt: 1 }, limit: wanted });
        let taken = 0;
        for (const { _id } of candidates) {
          const doc = await col.findOneAndUpdate({ _id, ...due }, claim);
          if (doc) claimed.push(doc);
          else taken += 1;
        }
        if (taken === 0 || candidates.length < wanted) break;
      }
      return claimed;
    },
    async markSent(id, at) {
      await col.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: at, claimedUntil: null } });
    },
    async retryLater(id, nextAttemptAt, error) {
      await col.updateOne(
        { _id: id },
        { $set: { status: 'pending', nextAttemptAt, lastError: error, claimedUntil: null } },
      );
    },
    async markDead(id, error) {
      await col.updateOne({ _id: id }, { $set: { status: 'dead', lastError: error, claimedUntil: null } });
    },
    async release(id, nextAttemptAt) {
      await col.updateOne(
        { _id: id, status: 'sending' },
        { $set: { status: 'pending', nextAttemptAt, claimedUntil: null }, $inc: { attempts: -1 } },
      );
    },
    get: (id) => col.findOne({ _id: id }),
    list: (filter = {}) => col.find(filter.status ? { status: filter.status } : {}, { sort: { createdAt: 1 } }),
  };
}
