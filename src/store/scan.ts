import type { Doc, Filter, ReadCollection } from './collection';

/**
 * Keyset pagination over an integer field, shared by both adapters. It reads windows of
 * `pageSize` consecutive key values through the index (cheap on NeDB, which sorts whole result
 * sets) and jumps over empty stretches, so gaps and sparse filters cost one extra query each.
 */
export async function* scanByKey<T extends Doc>(
  col: Pick<ReadCollection<T>, 'find' | 'findOne'>,
  filter: Filter,
  orderBy: string,
  pageSize = 2000,
): AsyncIterable<T> {
  const keyOf = (doc: T) => (doc as unknown as Record<string, number>)[orderBy] as number;
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    const next = await col.findOne({ ...filter, [orderBy]: { $gt: after } }, { sort: { [orderBy]: 1 } });
    if (!next) return;
    let from = keyOf(next) - 1;
    for (;;) {
      const page = await col.find(
        { ...filter, [orderBy]: { $gt: from, $lte: from + pageSize } },
        { sort: { [orderBy]: 1 } },
      );
      if (page.length === 0) break;
      yield* page;
      from = keyOf(page[page.length - 1] as T);
      after = from;
    }
    after = Math.max(after, from);
  }
}
