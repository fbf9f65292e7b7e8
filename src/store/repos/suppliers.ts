import type { MutableCollection } from '../collection';
import type { SupplierRecord, SupplierWatchRecord } from '../records';
import { pack, unpack } from './packed';

const BATCH = 500;
const FIELDS = [
  'workflow',
  'name',
  'service',
  'ownerId',
  'tier',
  'dataShared',
  'status',
  'registerReviewedAt',
  'documents',
  'policy',
  'controlIds',
  'lastReview',
  'attentionFrom',
] as const;
const same = (a: SupplierRecord, b: SupplierRecord) =>
  FIELDS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
const watchOf = (s: SupplierRecord): SupplierWatchRecord => ({
  _id: s._id,
  workflow: s.workflow,
  attentionFrom: s.attentionFrom,
  data: pack(s),
});

/**
 * Suppliers, kept twice: every supplier of the register (`suppliers`, read by id and by the
 * monthly run), and a watch list of those needing attention before the workflow's next runs
 * (`supplier_watch`, each packed whole), which is all the digest and the `suppliers` command read,
 * so they stay fast on servers that scan and decode whole collections (FerretDB v1).
 */
export interface SuppliersRepo {
  /**
   * Brings the stored suppliers of `workflow` in line with its register: new ones inserted in
   * batches, changed ones updated, ones no longer listed marked offboarded; `merge` carries the
   * stored review state over and recomputes what derives from it. Then the watch list is made the
   * active suppliers whose attention time falls before `horizon`.
   */
  sync(
    workflow: string,
    suppliers: readonly SupplierRecord[],
    merge: (fresh: SupplierRecord, stored: SupplierRecord) => SupplierRecord,
    horizon: Date,
  ): Promise<{ added: number; changed: number; removed: number; watched: number }>;
  get(id: string): Promise<SupplierRecord | null>;
  list(filter?: { workflow?: string }): Promise<SupplierRecord[]>;
  /** Active suppliers whose attention time has come by `now`: one read of the watch list. */
  needingAttention(now: Date): Promise<SupplierRecord[]>;
  /** Stores a supplier's new review state (lastReview, attentionFrom): two writes by id. */
  noteReview(supplier: SupplierRecord): Promise<void>;
}

export function suppliersRepo(
  all: MutableCollection<SupplierRecord>,
  watch: MutableCollection<SupplierWatchRecord>,
): SuppliersRepo {
  async function syncAll(merged: SupplierRecord[], stored: Map<string, SupplierRecord>) {
    const fresh: SupplierRecord[] = [];
    let changed = 0;
    for (const s of merged) {
      const known = stored.get(s._id);
      stored.delete(s._id);
      if (!known) fresh.push(s);
      else if (!same(s, known)) {
        const { _id, ...fields } = s;
        await all.updateOne({ _id }, { $set: fields });
        changed += 1;
      }
    }
    for (let i = 0; i < fresh.length; i += BATCH) await all.insertMany(fresh.slice(i, i + BATCH));
    const gone = [...stored.values()].filter((s) => s.status !== 'offboarded').map((s) => s._id);
    if (gone.length > 0) {
      await all.updateMany({ _id: { $in: gone } }, { $set: { status: 'offboarded', attentionFrom: null } });
    }
    return { added: fresh.length, changed, removed: gone.length };
  }

  async function syncWatch(workflow: string, wanted: SupplierWatchRecord[]) {
    const stored = new Map((await watch.find({ workflow })).map((w) => [w._id, w]));
    const fresh: SupplierWatchRecord[] = [];
    for (const w of wanted) {
      const known = stored.get(w._id);
      stored.delete(w._id);
      if (!known) fresh.push(w);
      else if (known.data !== w.data) await watch.put(w);
    }
    for (let i = 0; i < fresh.length; i += BATCH) await watch.insertMany(fresh.slice(i, i + BATCH));
    if (stored.size > 0) await watch.deleteMany({ _id: { $in: [...stored.keys()] } });
  }

  return {
    async sync(workflow, suppliers, merge, horizon) {
      const stored = new Map((await all.find({ workflow })).map((s) => [s._id, s]));
      const merged = suppliers.map((s) => {
        const known = stored.get(s._id);
        return known ? merge(s, known) : s;
      });
      const { added, changed, removed } = await syncAll(merged, stored);
      const watched = merged.filter((s) => s.status === 'active' && s.attentionFrom && s.attentionFrom <= horizon);
      await syncWatch(workflow, watched.map(watchOf));
      return { added, changed, removed, watched: watched.length };
    },
    get: (id) => all.findOne({ _id: id }),
    list: (filter = {}) => all.find(filter.workflow ? { workflow: filter.workflow } : {}, { sort: { name: 1 } }),
    async needingAttention(now) {
      const due = await watch.find({ attentionFrom: { $lte: now } });
      return due
        .map((w) => unpack<SupplierRecord>(w.data))
        .filter((s) => s.status === 'active')
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async noteReview(supplier) {
      const { _id, lastReview, attentionFrom } = supplier;
      await all.updateOne({ _id }, { $set: { lastReview, attentionFrom } });
      await watch.updateOne({ _id }, { $set: { attentionFrom, data: pack(supplier) } });
    },
  };
}
