import type { Store } from '../../src/store/port';
import type { BackupAckRecord, BackupFailure, BackupRunRecord, SupplierRecord } from '../../src/store/records';
import { attentionFrom } from '../../src/workflows/supplier-review/status';

// Data at the scale of the digest benchmark: 5,000 systems in the latest backup run and 2,000
// suppliers, shared by the scale test and bench/digest.bench.ts.
export const NOW = new Date('2026-12-07T08:00:00Z');
export const DAY = 86_400_000;
export const SYSTEMS = 5000;
export const SUPPLIERS = 2000;

/** The latest run over 5,000 systems: every 10th fails; owners acknowledged 50 of the failures. */
export const backupRun = (): BackupRunRecord => {
  const failing: BackupFailure[] = [];
  const owners = new Map<string, { ownerId: string; pass: number; fail: number }>();
  for (let i = 0; i < SYSTEMS; i++) {
    const ownerId = `p${i % 200}`;
    const o = owners.get(ownerId) ?? { ownerId, pass: 0, fail: 0 };
    owners.set(ownerId, o);
    if (i % 10 !== 0) {
      o.pass += 1;
      continue;
    }
    o.fail += 1;
    failing.push({
      system: `sys-${String(i).padStart(4, '0')}`,
      name: `System ${i}`,
      ownerId,
      ownerName: `Owner ${i % 200}`,
      reasons: [{ code: 'stale', text: 'The last good backup is 3 days old; the RPO is 24 hours.' }],
      failingSince: new Date(NOW.getTime() - (i % 7) * DAY),
      acknowledgement: null,
    });
  }
  return {
    _id: 'daily-backup-check',
    runId: 'run-1',
    checkedAt: NOW,
    controlIds: ['12.3.1'],
    owners: [...owners.values()],
    failing,
  };
};
export const acks = (failing: readonly BackupFailure[]): BackupAckRecord[] =>
  failing.slice(0, 50).map((f) => ({
    _id: f.system,
    decision: 'acknowledged',
    comment: null,
    by: f.ownerId,
    byName: f.ownerName ?? f.ownerId,
    at: NOW,
    attestationId: `ack_${f.system}`,
    failingSince: f.failingSince ?? NOW,
    reasons: ['stale'],
  }));

/** 2,000 suppliers reviewed over the last three years, some with documents running out. */
export const suppliers = (): SupplierRecord[] =>
  Array.from({ length: SUPPLIERS }, (_, i) => {
    const s: SupplierRecord = {
      _id: `sup-${i}`,
      workflow: 'monthly-supplier-review',
      name: `Supplier ${String(i).padStart(4, '0')}`,
      service: 'Service',
      ownerId: `p${i % 200}`,
      tier: (['critical', 'high', 'medium', 'low'] as const)[i % 4] ?? 'low',
      dataShared: ['customer data'],
      status: 'active',
      registerReviewedAt: new Date(NOW.getTime() - ((i * 37) % 1100) * DAY),
      documents: [{ type: 'iso27001', expires: new Date(NOW.getTime() + ((i * 13) % 400) * DAY), periodEnd: null }],
      policy: { cadenceMonths: [6, 12, 24, 36][i % 4] ?? 12, dueWithinDays: 30, expiringWithinDays: 30 },
      controlIds: ['15.2.1'],
      lastReview: null,
      attentionFrom: null,
      updatedAt: NOW,
    };
    return { ...s, attentionFrom: attentionFrom(s) };
  });

/** The store with every repository call counted: each is one query to the collection. */
export function counting(store: Store) {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, repo: string) {
      const value = target[repo as keyof Store];
      if (typeof value !== 'object' || value === null) return value;
      return new Proxy(value, {
        get(r, method: string) {
          const fn = (r as unknown as Record<string, unknown>)[method];
          return typeof fn === 'function'
            ? (...args: unknown[]) => {
                calls.push(`${repo}.${method}`);
                return fn.apply(r, args);
              }
            : fn;
        },
      });
    },
  });
  return { store: proxy, calls };
}
