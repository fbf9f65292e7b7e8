import crypto from 'node:crypto';
import type { AttestationRecord } from '../store/records';
import { canonicalJson } from './canonical';

/** prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields covered by an attestation's hash, in canonical (sorted) order: all but `hash` and the storage `_id`. */
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

const q = JSON.stringify;

/**
 * canonicalJson of the hashed fields, written out field by field because verify runs it for every
 * record; a unit test holds it equal to the generic canonicalJson.
 */
export function canonicalAttestation(r: HashedAttestation): string {
  const a = r.actor;
  return (
    `{"actor":{"id":${q(a.id)},"name":${q(a.name)},"platform":${q(a.platform)}}` +
    `,"at":${q(r.at.toISOString())},"catalogVersion":${q(r.catalogVersion)}` +
    `,"comment":${r.comment === null ? 'null' : q(r.comment)},"controlIds":${canonicalJson(r.controlIds)}` +
    `,"decision":${q(r.decision)},"evidence":${canonicalJson(r.evidence)},"id":${q(r.id)}` +
    `,"idempotencyKey":${q(r.idempotencyKey)},"prevHash":${q(r.prevHash)},"seq":${r.seq}` +
    `,"subject":${q(r.subject)},"type":${q(r.type)}}`
  );
}

// crypto.hash (Node >= 20.12) is a one-shot digest, about twice as fast for short inputs.
const sha256 =
  typeof crypto.hash === 'function'
    ? (s: string) => crypto.hash('sha256', s, 'hex')
    : (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** SHA-256 (hex) of the canonical JSON of the hashed fields. */
export function attestationHash(record: HashedAttestation): string {
  return sha256(canonicalAttestation(record));
}
