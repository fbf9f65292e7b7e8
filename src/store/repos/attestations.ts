import type { AppendCollection, Filter } from '../collection';
import type { AttestationRecord } from '../records';

/** Append and read only: there is deliberately no way to change or remove an attestation. */
export interface AttestationsRepo {
  /** Ordered insert; throws AppError('duplicate') at the first clash of seq or idempotencyKey. */
  append(records: readonly AttestationRecord[]): Promise<void>;
  last(): Promise<AttestationRecord | null>;
  bySeq(seq: number): Promise<AttestationRecord | null>;
  byId(id: string): Promise<AttestationRecord | null>;
  byIdempotencyKeys(keys: readonly string[]): Promise<AttestationRecord[]>;
  count(): Promise<number>;
  /** In seq order, paged, so memory stays flat however long the ledger is. */
  scan(filter?: { since?: Date; type?: string; pageSize?: number }): AsyncIterable<AttestationRecord>;
}

export function attestationsRepo(col: AppendCollection<AttestationRecord>): AttestationsRepo {
  return {
    append: (records) => col.insertMany(records),
    last: () => col.findOne({}, { sort: { seq: -1 } }),
    bySeq: (seq) => col.findOne({ seq }),
    byId: (id) => col.findOne({ id }),
    byIdempotencyKeys: (keys) =>
      keys.length === 0 ? Promise.resolve([]) : col.find({ idempotencyKey: { $in: keys } }),
    count: () => col.count({}),
    scan(filter = {}) {
      const q: Filter = {};
      if (filter.since) q.at = { $gte: filter.since };
      if (filter.type) q.type = filter.type;
      return col.scan(q, { orderBy: 'seq', pageSize: filter.pageSize });
    },
  };
}
