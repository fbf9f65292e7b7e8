import path from 'node:path';
import { RowProblem, type SourceProblems } from '../../connectors/read-source';
import { readSuppliers } from '../../connectors/suppliers';
import type { Store } from '../../store/port';
import type { SupplierRecord } from '../../store/records';
import type { SupplierReviewWorkflow } from '../definition';
import { nextRuns } from '../schedule';
import { attentionFrom } from './status';

/**
 * How far ahead the watch list (what the digest reads) looks: up to the workflow's run after
 * next, so it stays complete even if one run is missed.
 */
export const watchHorizon = (def: SupplierReviewWorkflow, now: Date): Date =>
  nextRuns(def, now, 2)[1] ?? new Date(now.getTime() + 62 * 86_400_000);

/** A stored supplier as the register now describes it, keeping the review state controlbot holds. */
export function mergeReviewState(fresh: SupplierRecord, stored: SupplierRecord): SupplierRecord {
  const next = { ...fresh, lastReview: stored.lastReview };
  return { ...next, attentionFrom: attentionFrom(next) };
}

/**
 * Loads the workflow's supplier register into the store: each supplier with its tier's review
 * policy and the workflow's controls, and the watch list of those needing attention before the
 * horizon. Invalid rows and repeated ids are reported to `problems`.
 */
export async function loadRegister(options: {
  store: Store;
  def: SupplierReviewWorkflow;
  root: string;
  problems: SourceProblems;
  now: Date;
}) {
  const { def, problems, now } = options;
  const settings = def.supplierReview;
  const file = path.resolve(options.root, settings.register);
  const suppliers: SupplierRecord[] = [];
  const seen = new Set<string>();
  for await (const s of readSuppliers(file, problems)) {
    if (seen.has(s.id)) {
      problems.add(new RowProblem(file, s.line, `${s.id} is listed twice; the first row is used`));
      continue;
    }
    seen.add(s.id);
    const record: SupplierRecord = {
      _id: s.id,
      workflow: def.name,
      name: s.name,
      service: s.service,
      ownerId: s.owner,
      tier: s.tier,
      dataShared: s.dataShared,
      status: s.status,
      registerReviewedAt: s.lastReview,
      documents: s.documents,
      policy: {
        cadenceMonths: settings.cadenceMonths[s.tier],
        dueWithinDays: settings.dueWithinDays,
        expiringWithinDays: settings.expiringWithinDays,
      },
      controlIds: def.controls,
      lastReview: null,
      attentionFrom: null,
      updatedAt: now,
    };
    suppliers.push({ ...record, attentionFrom: attentionFrom(record) });
  }
  const synced = await options.store.suppliers.sync(def.name, suppliers, mergeReviewState, watchHorizon(def, now));
  return { suppliers: suppliers.length, ...synced };
}
