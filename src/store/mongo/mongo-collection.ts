import type { Model } from 'mongoose';
import { AppError } from '../../kernel/errors';
import type { Doc, Filter, FindOptions, MutableCollection, Update } from '../collection';
import { canonicalChecker } from './canonical';

/** Maps driver and mongoose errors onto AppError codes the repositories understand. */
export function translateMongoError(err: unknown): never {
  const e = err as { code?: number; name?: string; message?: string; errors?: Record<string, { message: string }> };
  if (e?.code === 11000 || /E11000/.test(e?.message ?? '')) {
    throw new AppError('duplicate', 'duplicate key', { cause: err });
  }
  if (e?.name === 'ValidationError' || e?.name === 'StrictModeError' || e?.name === 'CastError') {
    const details = e.errors ? Object.values(e.errors).map((x) => x.message) : [e.message ?? 'invalid document'];
    throw new AppError('invalid_input', `the store rejected a document: ${details.join('; ')}`, {
      cause: err,
      details,
    });
  }
  if (
    /MongoServerSelectionError|MongoNetwork(Timeout)?Error|MongoNotConnectedError|MongoTopologyClosedError|MongoClientClosedError|MongoPoolClearedError/.test(
      e?.name ?? '',
    )
  ) {
    throw new AppError('store_unavailable', `MongoDB is not reachable: ${e.message}`, { cause: err });
  }
  throw err;
}

/**
 * A mongoose model seen through the portable collection interface. Only single-document atomic
 * operations are used (no transactions, no findOneAndUpdate projection), so FerretDB v1 works too.
 */
export function mongoCollection<T extends Doc>(
  model: Model<T>,
  options: { validatedUpstream?: boolean } = {},
): MutableCollection<T> {
  const find = async (filter: Filter, options: FindOptions = {}) => {
    const q = model.find(filter as never).lean();
    if (options.sort) q.sort(options.sort);
    if (options.skip) q.skip(options.skip);
    if (options.limit) q.limit(options.limit);
    return (await q.exec().catch(translateMongoError)) as unknown as T[];
  };
  const findOne = async (filter: Filter, options: FindOptions = {}) =>
    (await find(filter, { ...options, limit: 1 }))[0] ?? null;
  const canonical = options.validatedUpstream ? null : canonicalChecker(model as unknown as Model<never>);
  return {
    find,
    findOne,
    count: (filter) =>
      model
        .countDocuments(filter as never)
        .exec()
        .catch(translateMongoError),
    // One cursor in index order: a keyset page query would be a full scan each on FerretDB v1,
    // which pushes down nothing but `_id` equality.
    async *scan(filter, options) {
      const cursor = model
        .find(filter as never)
        .sort({ [options.orderBy]: 1 })
        .lean()
        .cursor({ batchSize: options.pageSize ?? 2000 });
      try {
        for await (const doc of cursor) yield doc as unknown as T;
      } catch (err) {
        translateMongoError(err);
      } finally {
        await cursor.close();
      }
    },
    async insertMany(docs) {
      if (docs.length === 0) return;
      // Documents validated before they reach the store (the ledger's records, checked with zod and
      // then hashed) go straight to the driver: mongoose re-validation cost 40% of append throughput.
      // So do documents mongoose would store unchanged, once the schema's validators passed them
      // (canonical.ts): hydrating each one made a 200,000-item campaign three times slower.
      if (options.validatedUpstream || (canonical && docs.every(canonical)))
        await model.collection.insertMany(docs as never[], { ordered: true }).catch(translateMongoError);
      else await model.insertMany(docs as T[], { ordered: true }).catch(translateMongoError);
    },
    async put(doc) {
      const valid = new model(doc);
      await valid.validate().catch(translateMongoError);
      await model
        .replaceOne({ _id: doc._id } as never, doc as never, { upsert: true })
        .exec()
        .catch(translateMongoError);
    },
    async updateOne(filter, update: Update) {
      const r = await model
        .updateOne(filter as never, update as never, { runValidators: true })
        .exec()
        .catch(translateMongoError);
      return r.matchedCount > 0;
    },
    async updateMany(filter, update) {
      const r = await model
        .updateMany(filter as never, update as never, { runValidators: true })
        .exec()
        .catch(translateMongoError);
      return r.modifiedCount;
    },
    async findOneAndUpdate(filter, update, options = {}) {
      const q = model.findOneAndUpdate(filter as never, update as never, {
        returnDocument: 'after',
        sort: options.sort,
        runValidators: true,
      });
      return ((await q.lean().exec().catch(translateMongoError)) as unknown as T | null) ?? null;
    },
    async deleteMany(filter) {
      return (
        await model
          .deleteMany(filter as never)
          .exec()
          .catch(translateMongoError)
      ).deletedCount;
    },
  };
}
