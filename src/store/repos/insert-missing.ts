import { isAppError } from '../../kernel/errors';
import type { Doc, MutableCollection } from '../collection';

/**
 * Inserts the documents not stored yet (by `_id`) and returns how many that was, so a write an
 * interrupted run left half done can simply be repeated.
 */
export async function insertMissing<T extends Doc>(col: MutableCollection<T>, docs: readonly T[]): Promise<number> {
  try {
    await col.insertMany(docs);
    return docs.length;
  } catch (err) {
    if (!isAppError(err, 'duplicate')) throw err;
  }
  const existing = new Set((await col.find({ _id: { $in: docs.map((d) => d._id) } })).map((d) => d._id));
  const missing = docs.filter((d) => !existing.has(d._id));
  if (missing.length > 0) await col.insertMany(missing);
  return missing.length;
}
