// The ceiling of the campaign benchmark: the review items the campaign wrote to the local store
// (the same documents it writes to MongoDB: same sources, definition, slot and clock), read back
// and inserted again with the raw driver (MongoDB) or raw NeDB (local) into a fresh collection
// with the same indexes, in batches of the campaign's size. Reading them back from FerretDB v1
// would take minutes (it decodes every document of a scan). Only the insert is timed: it is what
// the store can take, with no source reading, validation, routing or resumability bookkeeping.
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import mongoose from 'mongoose';
import { COLLECTIONS } from '../src/store/collections';
import { useFastDeepCopy } from '../src/store/local/nedb-fast-copy';
import type { ReviewItemRecord } from '../src/store/records';

const BATCH = 1000;
const { name, indexes } = COLLECTIONS.reviewItems;

async function timedBatches(
  docs: readonly ReviewItemRecord[],
  insert: (batch: ReviewItemRecord[]) => Promise<unknown>,
) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < docs.length; i += BATCH) await insert(docs.slice(i, i + BATCH));
  return { count: docs.length, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The campaign's items as the local store holds them, in position order. */
async function itemsOf(storeDir: string): Promise<ReviewItemRecord[]> {
  const source = new Datastore<ReviewItemRecord>({ filename: path.join(storeDir, `${name}.db`) });
  await source.loadDatabaseAsync();
  return source.getAllData().sort((a, b) => a.position - b.position);
}

async function localCeiling(docs: ReviewItemRecord[], ceilingDir: string) {
  useFastDeepCopy(); // the embedded store's NeDB, as openLocalBackend sets it up
  const db = new Datastore<ReviewItemRecord>({ filename: path.join(ceilingDir, 'ceiling.db') });
  await db.loadDatabaseAsync();
  // The same indexes the embedded store builds.
  for (const index of indexes.filter((i) => i.embedded !== false)) {
    const fields = Object.keys(index.fields);
    await db.ensureIndexAsync({
      fieldName: fields.length === 1 ? (fields[0] as string) : fields,
      unique: index.unique ?? false,
    });
  }
  return timedBatches(docs, (batch) => db.insertAsync(batch));
}

async function mongoCeiling(docs: ReviewItemRecord[], ceilingUri: string) {
  const conn = await mongoose.createConnection(ceilingUri).asPromise();
  try {
    const col = conn.db!.collection<ReviewItemRecord>('ceiling');
    for (const index of indexes) await col.createIndex(index.fields, { unique: index.unique ?? false });
    return await timedBatches(docs, (batch) => col.insertMany(batch, { ordered: true }));
  } finally {
    await conn.close();
  }
}

/** Inserts the items of the local store in `storeDir` into a fresh collection at `ceilingLocation`. */
export async function ceiling(kind: string, storeDir: string, ceilingLocation: string) {
  const docs = await itemsOf(storeDir);
  return kind === 'local' ? localCeiling(docs, ceilingLocation) : mongoCeiling(docs, ceilingLocation);
}
