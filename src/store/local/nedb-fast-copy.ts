import model = require('@seald-io/nedb/lib/model');

/**
 * NeDB's deepCopy, with the same result, built so V8 keeps the copies in fast mode. NeDB's own
 * adds properties one by one from a call site that sees every document shape; past a dozen
 * properties V8 turns such objects into hash tables, and a review item then costs about 1.4 KB in
 * memory instead of 0.8 KB. NeDB copies every document it inserts and every one it returns.
 */
function deepCopy(value: unknown, strictKeys?: boolean): unknown {
  if (
    typeof value === 'boolean' ||
    typeof value === 'number' ||
    typeof value === 'string' ||
    value === null ||
    value instanceof Date
  )
    return value;
  if (Array.isArray(value)) return value.map((v) => deepCopy(v, strictKeys));
  if (typeof value === 'object') {
    const entries: [string, unknown][] = [];
    for (const key of Object.keys(value)) {
      if (strictKeys && (key[0] === '$' || key.includes('.'))) continue;
      entries.push([key, deepCopy((value as Record<string, unknown>)[key], strictKeys)]);
    }
    return Object.fromEntries(entries);
  }
  return undefined;
}

/** Replaces NeDB's copy for the whole process (its datastores call it through the module). */
export function useFastDeepCopy(): void {
  (model as { deepCopy: typeof deepCopy }).deepCopy = deepCopy;
}
