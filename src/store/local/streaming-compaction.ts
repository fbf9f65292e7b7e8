import { once } from 'node:events';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type Datastore from '@seald-io/nedb';
// NeDB's own serializer (Dates as {$$date}, key checks), so the file stays NeDB's format.
import { serialize } from '@seald-io/nedb/lib/model';
import type { Doc } from '../collection';

interface NedbInternals {
  filename: string;
  indexes: Record<string, { fieldName: string | string[]; unique: boolean; sparse: boolean }>;
  persistence: { persistCachedDatabaseAsync(): Promise<void> };
  emit(event: string): void;
}

async function fsyncPath(target: string, flags: 'r' | 'r+') {
  const handle = await fs.open(target, flags);
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems cannot fsync a directory; the rename is still atomic there.
    if (flags === 'r+') throw err;
  } finally {
    await handle.close();
  }
}

/**
 * Rewrites the data file from memory one document at a time, waiting whenever the file stream is
 * full. NeDB's own compaction (run after every load, hourly, and at close) first serializes every
 * document into an array and then queues them all on the stream: for 200,000 review items that is
 * some 300 MB on top of the data itself. The file is written beside the old one, flushed, renamed
 * over it and the folder flushed, as NeDB does, so a crash leaves either the old file or the new.
 */
async function compactStreaming(db: Datastore<Doc>): Promise<void> {
  const internals = db as unknown as NedbInternals;
  const file = internals.filename;
  const temp = `${file}~`;
  const out = createWriteStream(temp, { mode: 0o644 });
  const failed = once(out, 'error').then(([err]) => {
    throw err;
  });
  failed.catch(() => undefined);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    for (const doc of db.getAllData()) await write(serialize(doc));
    for (const [name, index] of Object.entries(internals.indexes)) {
      if (name === '_id') continue;
      const { fieldName, unique, sparse } = index;
      await write(serialize({ $$indexCreated: { fieldName, unique, sparse } }));
    }
    out.end();
    await Promise.race([once(out, 'close'), failed]);
  } catch (err) {
    out.destroy();
    await fs.rm(temp, { force: true });
    throw err;
  }
  await fsyncPath(temp, 'r+');
  await fs.rename(temp, file);
  await fsyncPath(path.dirname(file), 'r');
  internals.emit('compaction.done');
}

/** Makes a datastore compact (after load, on its interval and at close) with {@link compactStreaming}. */
export function useStreamingCompaction(db: Datastore<Doc>): void {
  (db as unknown as NedbInternals).persistence.persistCachedDatabaseAsync = () => compactStreaming(db);
}
