import { promises as fs } from 'node:fs';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { AppError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logger';
import type { AppendCollection, Doc } from '../collection';
import { COLLECTIONS, type CollectionSpec } from '../collections';
import type { Backend } from '../port';
import { checkDataFile } from './data-file';
import { acquireLock } from './lock-file';
import { nedbCollection } from './nedb-collection';
import { useFastDeepCopy } from './nedb-fast-copy';
import { useStreamingCompaction } from './streaming-compaction';

async function openDatastore(file: string, spec: CollectionSpec, log: Logger): Promise<Datastore<Doc>> {
  const { tornBytes } = await checkDataFile(file);
  if (tornBytes > 0) {
    log.warn(
      { file, tornBytes },
      'embedded store: cut an unfinished write left by a killed process (never acknowledged)',
    );
  }
  // Corruption is caught by checkDataFile with the line named, so NeDB may refuse on any bad line.
  const db = new Datastore<Doc>({ filename: file, corruptAlertThreshold: 0 });
  useStreamingCompaction(db);
  try {
    await db.loadDatabaseAsync();
  } catch (err) {
    throw new AppError(
      'store_corrupt',
      `${file}: the embedded store could not load this file: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  for (const index of spec.indexes) {
    if (index.embedded === false) continue;
    const fields = Object.keys(index.fields);
    await db.ensureIndexAsync({
      fieldName: fields.length === 1 ? (fields[0] as string) : fields,
      unique: index.unique ?? false,
    });
  }
  return db;
}

/**
 * The embedded store: one NeDB file per collection in `dataDir`. Writes are appended to the file
 * before they are acknowledged, so a process killed with SIGKILL loses nothing it confirmed.
 * Single process only (guarded by a lock file).
 */
export async function openLocalBackend(dataDir: string, log: Logger): Promise<Backend> {
  useFastDeepCopy();
  const dir = path.resolve(dataDir);
  await fs.mkdir(dir, { recursive: true });
  const release = await acquireLock(dir);
  const stores = new Map<string, Datastore<Doc>>();
  try {
    for (const spec of Object.values(COLLECTIONS)) {
      stores.set(spec.name, await openDatastore(path.join(dir, `${spec.name}.db`), spec, log));
    }
  } catch (err) {
    await release();
    throw err;
  }
  const get = (spec: CollectionSpec) => {
    const db = stores.get(spec.name);
    if (!db) throw new AppError('internal', `unknown collection ${spec.name}`);
    return db;
  };
  for (const db of stores.values()) db.setAutocompactionInterval(60 * 60 * 1000);
  // After close the lock is released and another process may open the folder: every operation
  // then fails as an unavailable store instead of writing behind that process's back.
  let closed = false;
  const open = <C extends object>(collection: C): C =>
    new Proxy(collection, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (closed) throw new AppError('store_unavailable', `the embedded store in ${dir} is closed`);
          return value.apply(target, args);
        };
      },
    });
  return {
    kind: 'local',
    location: dir,
    mutable: <T extends Doc>(spec: CollectionSpec) => open(nedbCollection(get(spec) as unknown as Datastore<T>)),
    appendOnly<T extends Doc>(spec: CollectionSpec): AppendCollection<T> {
      const { find, findOne, count, scan, insertMany } = nedbCollection(get(spec) as unknown as Datastore<T>);
      return open({ find, findOne, count, scan, insertMany });
    },
    ping: async () => {
      if (closed) throw new AppError('store_unavailable', `the embedded store in ${dir} is closed`);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const db of stores.values()) {
        db.stopAutocompaction();
        await db.compactDatafileAsync();
      }
      await release();
    },
  };
}
