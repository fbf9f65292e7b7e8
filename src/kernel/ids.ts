import { randomUUID } from 'node:crypto';

/** Ids are injected like the clock so tests can make them predictable. */
export type IdGenerator = (prefix: string) => string;

export const randomIds: IdGenerator = (prefix) => `${prefix}_${randomUUID().replaceAll('-', '')}`;

export function sequentialIds(): IdGenerator {
  let n = 0;
  return (prefix) => `${prefix}_${String(++n).padStart(6, '0')}`;
}
