/**
 * The storage primitive both adapters implement: a collection of documents with string `_id`,
 * queried with the portable subset of MongoDB's query language that NeDB, MongoDB >= 5 and
 * FerretDB v1 all understand ($eq/$ne/$in/$nin/$lt/$lte/$gt/$gte/$exists/$or/$and, plain equality).
 * Repositories are written once on top of it, so both adapters behave the same by construction.
 */
export type Filter = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

export interface Update {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $unset?: Record<string, true>;
  $push?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
}

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  skip?: number;
}

export interface Doc {
  _id: string;
}

export interface ReadCollection<T extends Doc> {
  findOne(filter: Filter, options?: FindOptions): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /**
   * Every matching document in ascending order of an integer field, read in pages so memory does
   * not grow with the collection.
   */
  scan(filter: Filter, options: { orderBy: string; pageSize?: number }): AsyncIterable<T>;
}

/** Insert-only: the attestation ledger gets nothing more, so no code path can alter a record. */
export interface AppendCollection<T extends Doc> extends ReadCollection<T> {
  /** Inserts in order and stops at the first failure; throws AppError('duplicate') on a unique key clash. */
  insertMany(docs: readonly T[]): Promise<void>;
}

export interface MutableCollection<T extends Doc> extends AppendCollection<T> {
  /** Inserts the document, or replaces the one with the same `_id`. */
  put(doc: T): Promise<void>;
  /** Applies the update to the first match; resolves to whether a document matched. */
  updateOne(filter: Filter, update: Update): Promise<boolean>;
  updateMany(filter: Filter, update: Update): Promise<number>;
  /** Applies the update to the first match and returns the document as it is afterwards. */
  findOneAndUpdate(filter: Filter, update: Update, options?: { sort?: Sort }): Promise<T | null>;
  deleteMany(filter: Filter): Promise<number>;
}

export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
  /**
   * False: not built by the embedded store. NeDB keeps every index as a tree in memory (about half
   * a kilobyte per document for a compound key) and uses one only for equality on all its fields,
   * so an index serving range scans, or a uniqueness `_id` already guarantees, costs memory there
   * and buys nothing.
   */
  embedded?: false;
}
