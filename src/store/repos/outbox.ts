import { isAppError } from '../../kernel/errors';
import type { MutableCollection } from '../collection';
import type { OutboxClaimRecord, OutboxRecord } from '../records';

export interface OutboxRepo {
  /** Adds a message unless one with the same dedupeKey exists; `created` says which happened. */
  enqueue(message: OutboxRecord): Promise<{ record: OutboxRecord; created: boolean }>;
  /**
   * Claims up to `limit` messages that are due (or whose previous claim expired) until `claimUntil`.
   * A message goes to one claimer only, even from replicas on FerretDB v1 (see claimOne).
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

const dueFilter = (now: Date) => ({
  $or: [
    { status: 'pending', nextAttemptAt: { $lte: now } },
    { status: 'sending', claimedUntil: { $lte: now } },
  ],
});

/**
 * Makes claim number `claims + 1` of a message read as due, or returns null when another claimer
 * made it first. Neither FerretDB v1's findOneAndUpdate nor its conditional update is atomic across
 * clients (each is a read, then a write), so the claim is decided by inserting the document
 * `<messageId>:<claim number>`, which a unique `_id` lets only one claimer do. The winner then moves
 * the message on with an update conditional on the counter it read: a claimer that read the message
 * before an earlier claim changed nothing, since the counter has moved on. The claim document is
 * deleted as soon as that update is done, so the collection holds only claims being made.
 */
async function claimOne(
  col: MutableCollection<OutboxRecord>,
  claimDocs: MutableCollection<OutboxClaimRecord>,
  doc: OutboxRecord,
  now: Date,
  claimUntil: Date,
): Promise<OutboxRecord | null> {
  // Messages queued before the counter existed have none: the first claim inserts it.
  const claims = doc.claims ?? 0;
  const claimId = `${doc._id}:${claims + 1}`;
  try {
    await claimDocs.insertMany([{ _id: claimId, until: claimUntil }]);
  } catch (err) {
    if (!isAppError(err, 'duplicate')) throw err;
    // Another claimer is making this claim, or died making it: its document then expires with the
    // claim it was for, and is cleared here so the next claim can be made.
    await claimDocs.deleteMany({ _id: claimId, until: { $lte: now } });
    return null;
  }
  try {
    const counter = doc.claims === undefined ? { $exists: false } : claims;
    const won = await col.updateOne(
      { _id: doc._id, claims: counter, ...dueFilter(now) },
      { $set: { status: 'sending', claimedUntil: claimUntil }, $inc: { attempts: 1, claims: 1 } },
    );
    if (!won) return null;
    return { ...doc, status: 'sending', claimedUntil: claimUntil, attempts: doc.attempts + 1, claims: claims + 1 };
  } finally {
    await claimDocs.deleteMany({ _id: claimId });
  }
}

export function outboxRepo(
  col: MutableCollection<OutboxRecord>,
  claimDocs: MutableCollection<OutboxClaimRecord>,
): OutboxRepo {
  // Claim documents outlive their claim only when a claimer died between insert and delete. When a
  // claim finds nothing due, expired ones are cleared, at most once per claim length per process.
  let pruneAt = 0;
  const pruneExpiredClaims = async (now: Date, claimUntil: Date) => {
    if (now.getTime() < pruneAt) return;
    pruneAt = claimUntil.getTime();
    await claimDocs.deleteMany({ until: { $lte: now } });
  };

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
      const skipped: string[] = [];
      // One sorted query finds the batch (each such query is a scan of the collection on NeDB and on
      // FerretDB v1), then each message is claimed on its own. One another claimer took meanwhile is
      // skipped, and left out of the next look, which is worth taking only then.
      while (claimed.length < limit) {
        const wanted = limit - claimed.length;
        const filter = skipped.length ? { ...dueFilter(now), _id: { $nin: skipped } } : dueFilter(now);
        const candidates = await col.find(filter, { sort: { nextAttemptAt: 1 }, limit: wanted });
        if (candidates.length === 0 && claimed.length === 0) await pruneExpiredClaims(now, claimUntil);
        let taken = 0;
        for (const doc of candidates) {
          const record = await claimOne(col, claimDocs, doc, now, claimUntil);
          if (record) claimed.push(record);
          else {
            skipped.push(doc._id);
            taken += 1;
          }
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
