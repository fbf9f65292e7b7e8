import type { Store } from '../../store/port';
import type { BackupAcknowledgement, BackupAckRecord, BackupFailure } from '../../store/records';

/** An acknowledgement holds while the failure it answered lasts: same start, no new reason. */
export function ackHolds(ack: BackupAckRecord | undefined, failingSince: Date | null, codes: readonly string[]) {
  return (
    !!ack &&
    !!failingSince &&
    ack.failingSince.getTime() === failingSince.getTime() &&
    codes.every((c) => ack.reasons.includes(c))
  );
}

export const acknowledgementOf = (ack: BackupAckRecord): BackupAcknowledgement => ({
  decision: ack.decision,
  comment: ack.comment,
  by: ack.by,
  byName: ack.byName,
  at: ack.at,
  attestationId: ack.attestationId,
});

/**
 * The systems failing the latest run of every backup-check workflow, with the acknowledgements
 * given since, and how many systems were checked (both optionally for one owner). Two reads of
 * small collections, whatever the number of systems.
 */
export async function currentFailures(store: Store, filter: { ownerId?: string } = {}) {
  const [runs, acks] = await Promise.all([store.backupRuns.all(), store.backupAcks.all()]);
  const byId = new Map(acks.map((a) => [a._id, a]));
  const mine = <T extends { ownerId: string }>(x: T) => !filter.ownerId || x.ownerId === filter.ownerId;
  const failing: BackupFailure[] = runs.flatMap((run) =>
    run.failing.filter(mine).map((f) => {
      const ack = byId.get(f.system);
      const holds =
        ack &&
        ackHolds(
          ack,
          f.failingSince,
          f.reasons.map((r) => r.code),
        );
      return { ...f, acknowledgement: holds ? acknowledgementOf(ack) : null };
    }),
  );
  const checked = runs.flatMap((r) => r.owners.filter(mine)).reduce((n, o) => n + o.pass + o.fail, 0);
  return { failing, checked, runs: runs.length };
}
