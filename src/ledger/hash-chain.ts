import { createHash } from 'node:crypto';
import type { AttestationRecord } from '../store/records';
import { canonicalJson } from './canonical';

/** prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields covered by an attestation's hash: all of them but `hash` itself and the storage `_id`. */
export const HASHED_FIELDS = [
  'actor',
  'at',
  'catalogVersion',
  'comment',
  'controlIds',
  'decision',
  'evidence',
  'id',
  'idempotencyKey',
  'prevHash',
  'seq',
  'subject',
  'type',
] as const satisfies readonly (keyof AttestationRecord)[];

export type HashedAttestation = Pick<AttestationRecord, (typeof HASHED_FIELDS)[number]>;

/** SHA-256 (hex) of the canonical JSON of the hashed fields. */
export function attestationHash(record: HashedAttestation): string {
  const body: Record<string, unknown> = {};
  for (const field of HASHED_FIELDS) body[field] = record[field];
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
