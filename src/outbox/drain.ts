import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { OutboxRecord, Platform } from '../store/records';
import type { OutboxRepo } from '../store/repos/outbox';
import type { Outcome } from './deliver';

export interface DrainResult {
  sent: number;
  retried: number;
  dead: number;
  /** Claimed but handed back unsent: its target or platform was rate limited, or the dispatcher stopping. */
  deferred: number;
}

export interface DrainOptions {
  repo: OutboxRepo;
  deliver: (record: OutboxRecord) => Promise<Outcome>;
  clock: Clock;
  log: Logger;
  /** Messages claimed at once. */
  batch: number;
  /** How long a claim lasts before another process may take the message over. */
  claimTtlMs: number;
  /** True once the dispatcher is stopping: no more claims, and deliver() hands back what is claimed. */
  stopping: () => boolean;
}

const byPlatform = (records: OutboxRecord[]): OutboxRecord[][] => {
  const groups = new Map<Platform, OutboxRecord[]>();
  for (const r of records) groups.set(r.platform, [...(groups.get(r.platform) ?? []), r]);
  return [...groups.values()];
};

/**
 * Claims due messages batch after batch and delivers each batch, a platform's messages one at a
 * time and platforms side by side, until a claim finds nothing due.
 *
 * The next batch is claimed while this one goes out, so sending does not wait for the store's
 * query. A batch claimed ahead is sent only if its turn comes within half its claim; otherwise it
 * is handed back and claimed again, so a claim never lapses while this process still holds it
 * (its own next claim would then take the message too, and send it twice).
 */
export function createDrain(options: DrainOptions): () => Promise<DrainResult> {
  const { repo, deliver, clock, log, batch, claimTtlMs, stopping } = options;

  const claimBatch = (): Promise<OutboxRecord[]> => {
    const now = clock.now();
    return repo.claimDue(now, new Date(now.getTime() + claimTtlMs), batch);
  };

  const deliverBatch = async (claimed: OutboxRecord[], result: DrainResult): Promise<void> => {
    // Every platform finishes before a failure (the store, most likely) ends the drain, so stop()
    // never returns while a send is still under way.
    const groups = await Promise.allSettled(
      byPlatform(claimed).map(async (records) => {
        for (const record of records) result[await deliver(record)] += 1;
      }),
    );
    const failed = groups.find((g): g is PromiseRejectedResult => g.status === 'rejected');
    if (failed) throw failed.reason;
  };

  /** Releases messages claimed ahead but not to be sent now, so they are not held until the claim expires. */
  const handBack = async (ahead: Promise<OutboxRecord[]>): Promise<void> => {
    try {
      const records = await ahead;
      await Promise.all(records.map((r) => repo.release(r._id, clock.now())));
    } catch (err) {
      log.error({ err }, 'could not hand back messages claimed ahead; they are sent once their claim expires');
    }
  };

  return async () => {
    const result: DrainResult = { sent: 0, retried: 0, dead: 0, deferred: 0 };
    let claimed = stopping() ? [] : await claimBatch();
    while (claimed.length > 0) {
      const claimedAt = clock.now().getTime();
      const ahead = stopping() ? Promise.resolve([]) : claimBatch();
      ahead.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
      try {
        await deliverBatch(claimed, result);
      } catch (err) {
        await handBack(ahead);
        throw err;
      }
      const waitedMs = clock.now().getTime() - claimedAt;
      if (waitedMs > claimTtlMs / 2) {
        log.warn(
          { batch, waitedMs, claimTtlMs },
          'the batch claimed ahead waited over half its claim, so it is claimed again: lower the batch or raise claimTtlMs',
        );
        await handBack(ahead);
        claimed = stopping() ? [] : await claimBatch();
        continue;
      }
      // Once stopping, deliver() hands back what was claimed ahead. Claimed early, it could not see
      // what became due during the batch (a retry after a short Retry-After, a message queued
      // meanwhile): the drain ends only when a claim made after the batch finds nothing.
      claimed = await ahead;
      if (claimed.length === 0 && !stopping()) claimed = await claimBatch();
    }
    if (result.sent + result.retried + result.dead > 0) log.info(result, 'outbox drained');
    return result;
  };
}
