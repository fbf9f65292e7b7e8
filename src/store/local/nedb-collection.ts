import type Datastore from '@seald-io/nedb';
import { AppError } from '../../kernel/errors';
import type { Doc, Filter, FindOptions, MutableCollection, Update } from '../collection';
import { scanByKey } from '../scan';

const translate = (err: unknown): never => {
  const e = err as { errorType?: string; key?: unknown; message?: string };
  if (e?.errorType === 'uniqueViolated') {
    throw new AppError('duplicate', `duplicate key ${String(e.key)}`, { cause: err });
  }
  throw err;
};

/** An NeDB datastore seen through the portable collection interface. */
export function nedbCollection<T extends Doc>(db: Datastore<T>): MutableCollection<T> {
  const find = async (filter: Filter, options: FindOptions = {}) => {
    let cursor = db.findAsync(filter as never);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor) as T[];
  };
  const findOne = async (filter: Filter, options: FindOptions = {}) =>
    (await find(filter, { ...options, limit: 1 }))[0] ?? null;
  return {
    find,
    findOne,
    count: (filter) => db.countAsync(filter as never) as Promise<number>,
    scan: (filter, options) => scanByKey({ find, findOne }, filter, options.orderBy, options.pageSize),
    async insertMany(docs) {
      // NeDB inserts an array all-or-nothing, which is a valid (empty) prefix on failure.
      if (docs.length > 0) await db.insertAsync(docs as T[]).catch(translate);
    },
    async put(doc) {
      await db.updateAsync({ _id: doc._id } as never, doc as never, { upsert: true }).catch(translate);
    },
    async updateOne(filter, update: Update) {
      const r = await db.updateAsync(filter as never, update as never, { multi: false }).catch(translate);
      return r.numAffected > 0;
    },
    async updateMany(filter, update) {
      return (await db.updateAsync(filter as never, update as never, { multi: true }).catch(translate)).numAffected;
    },
    async findOneAndUpdate(filter, update, options = {}) {
      // The filter is repeated in the update so a document changed in between is not touched.
      for (let attempt = 0; attempt < 5; attempt++) {
        const target = await findOne(filter, { sort: options.sort });
        if (!target) return null;
        const r = await db
          .updateAsync({ ...filter, _id: target._id } as never, update as never, { returnUpdatedDocs: true })
          .catch(translate);
        if (r.numAffected > 0) return (r.affectedDocuments as T | null) ?? null;
      }
      return null;
    },
    deleteMany: (filter) => db.removeAsync(filter as never, { multi: true }),
  };
}
