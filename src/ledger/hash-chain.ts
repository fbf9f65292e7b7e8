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

// Most values need no escaping; quoting them directly is cheaper than JSON.stringify and gives
// the same bytes (the test against canonicalJson holds it to that).
const PLAIN = /^[\w .,:;@+\-/()#'!?&=%*[\]{}|~^$]*$/;
const q = (s: string) => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

// Records of one group commit share their timestamp, so the last conversion is worth keeping.
let lastMs = Number.NaN;
let lastIso = '';
const iso = (d: Date) => {
  const ms = d.getTime();
  if (ms !== lastMs) {
    lastIso = d.toISOString();
    lastMs = ms;
  }
  return lastIso;
};

/**
 * canonicalJson of the hashed fields, written out field by field because verify runs it for every
 * record; a unit test holds it equal to the generic canonicalJson. `evidence` is written as
 * stored when `asStored` is set: the ledger stores it with sorted keys, so that is the canonical
 * form unless a store reordered keys, which attestationMatches() checks for.
 */
export function canonicalAttestation(r: HashedAttestation, asStored = false): string {
  const a = r.actor;
  const evidence = asStored ? JSON.stringify(r.evidence) : canonicalJson(r.evidence);
  return (
    `{"actor":{"id":${q(a.id)},"name":${q(a.name)},"platform":${q(a.platform)}}` +
    `,"at":${q(iso(r.at))},"catalogVersion":${q(r.catalogVersion)}` +
    `,"comment":${r.comment === null ? 'null' : q(r.comment)},"controlIds":${JSON.stringify(r.controlIds)}` +
    `,"decision":${q(r.decision)},"evidence":${evidence},"id":${q(r.id)}` +
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

/**
 * Whether a stored record still hashes to `hash`. Tries the stored key order first (fast) and the
 * fully canonical form second; a match of either proves the content unchanged, because the hash
 * was taken over the canonical form when the record was written.
 */
export function attestationMatches(record: HashedAttestation, hash: string): boolean {
  return sha256(canonicalAttestation(record, true)) === hash || attestationHash(record) === hash;
}

/** A copy with object keys sorted at every depth, so the stored order is the canonical one. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeysDeep) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return out as T;
}
