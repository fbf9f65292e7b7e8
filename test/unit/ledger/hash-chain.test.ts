import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/ledger/canonical';
import {
  attestationHash,
  attestationMatches,
  canonicalAttestation,
  GENESIS_HASH,
  HASHED_FIELDS,
  sortKeysDeep,
} from '../../../src/ledger/hash-chain';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 'x' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":"x","z":1}]},"b":1}',
    );
  });

  it('writes dates as ISO strings and leaves undefined members out', () => {
    expect(canonicalJson({ at: new Date('2026-11-23T09:00:00Z'), gone: undefined })).toBe(
      '{"at":"2026-11-23T09:00:00.000Z"}',
    );
  });

  it('does not depend on the order keys were inserted', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('refuses numbers JSON cannot represent', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('attestationHash', () => {
  const base = {
    seq: 1,
    id: 'att_1',
    type: 'policy.review',
    subject: 'policy:5.1.2',
    controlIds: ['5.1.2'],
    actor: { id: 'lead@example.com', name: 'Lead', platform: 'cli' as const },
    decision: 'reviewed',
    comment: null,
    evidence: {},
    at: new Date('2026-11-23T09:00:00Z'),
    catalogVersion: 'iso27017@abc',
    idempotencyKey: 'k1',
    prevHash: GENESIS_HASH,
  };

  it('is the SHA-256 of the canonical JSON of the hashed fields, reproducible outside controlbot', () => {
    const expected = createHash('sha256').update(canonicalJson(base)).digest('hex');
    expect(attestationHash(base)).toBe(expected);
    expect(Object.keys(base).sort()).toEqual([...HASHED_FIELDS]);
  });

  it('changes when any hashed field changes, and ignores storage fields', () => {
    const h = attestationHash(base);
    expect(attestationHash({ ...base, decision: 'not reviewed' })).not.toBe(h);
    expect(attestationHash({ ...base, prevHash: 'a'.repeat(64) })).not.toBe(h);
    expect(attestationHash({ ...base, evidence: { x: 1 } })).not.toBe(h);
    expect(attestationHash({ ...base, _id: 'whatever', hash: 'x' } as typeof base)).toBe(h);
  });
});

describe('canonicalAttestation', () => {
  it('is byte-for-byte the generic canonical JSON of the hashed fields', () => {
    const record = {
      seq: 42,
      id: 'att_x',
      type: 'backup-check.result',
      subject: 'system:billing "prod"',
      controlIds: ['12.3.1', 'CLD.12.4.5'],
      actor: { id: 'controlbot', name: 'contrôlbot ✓', platform: 'system' as const },
      decision: 'fail',
      comment: 'line\nbreak',
      evidence: { z: [1, { b: true, a: null }], a: 'é' },
      at: new Date('2026-11-23T09:00:00.123Z'),
      catalogVersion: 'iso27017+abc',
      idempotencyKey: 'k',
      prevHash: 'f'.repeat(64),
    };
    expect(canonicalAttestation(record)).toBe(canonicalJson(record));
    expect(canonicalAttestation({ ...record, comment: null })).toBe(canonicalJson({ ...record, comment: null }));
  });
});

describe('attestationMatches', () => {
  const record = {
    seq: 1,
    id: 'a',
    type: 't',
    subject: 's',
    controlIds: ['9.2.5'],
    actor: { id: 'x', name: 'X', platform: 'cli' as const },
    decision: 'd',
    comment: null,
    evidence: { a: 1, b: { c: 2, d: 3 } },
    at: new Date('2026-11-23T09:00:00Z'),
    catalogVersion: 'v',
    idempotencyKey: 'k',
    prevHash: '0'.repeat(64),
  };
  const hash = attestationHash(record);

  it('accepts the record whether the store kept or reordered evidence keys', () => {
    expect(attestationMatches(record, hash)).toBe(true);
    expect(attestationMatches({ ...record, evidence: { b: { d: 3, c: 2 }, a: 1 } }, hash)).toBe(true);
  });

  it('rejects any change of content', () => {
    expect(attestationMatches({ ...record, evidence: { a: 1, b: { c: 2, d: 4 } } }, hash)).toBe(false);
    expect(attestationMatches({ ...record, at: new Date('2026-11-23T09:00:00.001Z') }, hash)).toBe(false);
  });

  it('sortKeysDeep orders keys at every depth and keeps arrays and dates', () => {
    const d = new Date();
    expect(JSON.stringify(sortKeysDeep({ z: [{ y: 1, x: 2 }], a: d }))).toBe(
      JSON.stringify({ a: d, z: [{ x: 2, y: 1 }] }),
    );
  });
});
