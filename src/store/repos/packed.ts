/**
 * Derived read models (a backup run's summary, the suppliers' watch list) are stored as one JSON
 * string per document. FerretDB v1 decodes every field of every document it reads, so a summary of
 * 500 failing systems costs one field instead of thousands: the digest reads it in milliseconds.
 * Sources of truth (results, suppliers, attestations) stay ordinary, queryable documents.
 */

/** Fields that hold dates in packed records; JSON turns them into ISO strings, `unpack` back. */
const DATE_KEYS = new Set([
  'at',
  'attentionFrom',
  'checkedAt',
  'expires',
  'failingSince',
  'periodEnd',
  'registerReviewedAt',
  'updatedAt',
]);

export const pack = (value: unknown): string => JSON.stringify(value);

export const unpack = <T>(text: string): T =>
  JSON.parse(text, (key, value) => (DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value)) as T;
