import { isAppError } from '../../kernel/errors';
import type { MutableCollection } from '../collection';
import type { LeaseRecord } from '../records';

export interface LeasesRepo {
  /** Takes or renews the lease when it is free, expired or already ours; false when another owner holds it. */
  acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
  get(name: string): Promise<LeaseRecord | null>;
}

export function leasesRepo(col: MutableCollection<LeaseRecord>): LeasesRepo {
  return {
    async acquire(name, owner, now, ttlMs) {
      const expiresAt = new Date(now.getTime() + ttlMs);
      const taken = await col.updateOne(
        { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
        { $set: { owner, expiresAt } },
      );
      if (taken) return true;
      try {
        await col.insertMany([{ _id: name, owner, expiresAt }]);
        return true;
      } catch (err) {
        if (isAppError(err, 'duplicate')) return false;
        throw err;
      }
    },
    async release(name, owner) {
      await col.deleteMany({ _id: name, owner });
    },
    get: (name) => col.findOne({ _id: name }),
  };
}
