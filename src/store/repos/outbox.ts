import { randomUUID } from 'node:crypto';
import { isAppError } from '../../kernel/errors';
import type { MutableCollection } from '../collection';
import type { OutboxClaimRecord, OutboxRecord } from '../records';

export interface OutboxRepo {
  /** Adds a message unless one with the same dedupeKey exists; `created` says which happened. */
  enqueue(message: OutboxRecord): Promise<{ record: OutboxRecord; created: boolean }>;
  /**
   * Claims up to `limit` messages that are due (or whose previous claim expired) until `claimUntil`.
   * A message goes to one claimer only, even from replicas on FerretDB v1 (see claimBatch).
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

/** Claims made of a message so far; absent on messages queued before the counter existed. */
const claimsOf = (m: OutboxRecord): number => m.claims ?? 0;

/** The document whose insert decides the next claim of a message read as `m`. */
const nextClaimId = (m: OutboxRecord): string => `${m._id}:${claimsOf(m) + 1}`;

/** Names one claim: a fresh value per claimDue call, so a claimer can tell its own claims apart. */
const claimToken = (): string => `${process.pid}:${randomUUID()}`;

/**
 * Makes the next claim of each message read as due, and returns those it made; a message another
 * claimer took first is left out. FerretDB v1's updates are not atomic across clients (each is a
 * read, then a write), so each claim is decided by inserting the document
 * `<messageId>:<claim number>`, which a unique `_id` lets only one claimer do. The winner then moves
 * its messages on with one update, conditional on the counter each was read with: a claimer that
 * read a message before an earlier claim finds its counter moved on. No other claimer can change a
 * message meanwhile, as that takes this claim's document. The claim documents are deleted once the
 * claims are settled, so the collection holds only claims being made.
 *
 * One update for the batch rather than one per message: on FerretDB v1 every read or update, even
 * by `_id`, goes through the whole collection, while the claim documents' collection stays small,
 * so a claim costs two passes over the messages per batch instead of two per message.
 */
async function claimBatch(
  col: MutableCollection<OutboxRecord>,
  claimDocs: MutableCollection<OutboxClaimRecord>,
  read: readonly OutboxRecord[],
  now: Date,
  claimUntil: Date,
): Promise<OutboxRecord[]> {
  const won: OutboxRecord[] = [];
  for (const m of read) {
    const claimId = nextClaimId(m);
    try {
      await claimDocs.insertMany([{ _id: claimId, until: claimUntil }]);
      won.push(m);
    } catch (err) {
      if (!isAppError(err, 'duplicate')) throw err;
      // Another claimer is making this claim, or died making it: its document then expires with the
      // claim it was for, and is cleared here so the next claim can be made.
      await claimDocs.deleteMany({ _id: claimId, until: { $lte: now } });
    }
  }
  if (won.length === 0) return [];
  const claimIds = won.map(nextClaimId);
  try {
    const token = claimToken();
    const counters = won.map((m) => ({ _id: m._id, claims: m.claims === undefined ? { $exists: false } : m.claims }));
    const updated = await col.updateMany(
      { $and: [{ $or: counters }, dueFilter(now)] },
      { $set: { status: 'sending', claimedUntil: claimUntil, claimedBy: token }, $inc: { attempts: 1, claims: 1 } },
    );
    let mine = won;
    if (updated < won.length) {
      // Some were claimed from a stale read: keep the ones this update moved on.
      const current = await col.find({ _id: { $in: won.map((m) => m._id) } });
      const ours = new Set(current.filter((m) => m.claimedBy === token).map((m) => m._id));
      mine = won.filter((m) => ours.has(m._id));
    }
    return mine.map((m) => ({
      ...m,
      status: 'sending',
      claimedUntil: claimUntil,
      claimedBy: token,
      attempts: m.attempts + 1,
      claims: claimsOf(m) + 1,
    }));
  } finally {
    await claimDocs.deleteMany({ _id: { $in: claimIds } });
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
      // FerretDB v1), then the batch is claimed (claimBatch). A message another claimer took
      // meanwhile is left out of the next look, which is worth taking only then.
      while (claimed.length < limit) {
        const wanted = limit - claimed.length;
        const filter = skipped.length ? { ...dueFilter(now), _id: { $nin: skipped } } : dueFilter(now);
        const candidates = await col.find(filter, { sort: { nextAttemptAt: 1 }, limit: wanted });
        if (candidates.length === 0 && claimed.length === 0) await pruneExpiredClaims(now, claimUntil);
        const mine = await claimBatch(col, claimDocs, candidates, now, claimUntil);
        claimed.push(...mine);
        const ours = new Set(mine.map((m) => m._id));
        const taken = candidates.filter((m) => !ours.has(m._id));
        skipped.push(...taken.map((m) => m._id));
        if (taken.length === 0 || candidates.length < wanted) break;
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
