import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/ledger/canonical';
import { attestationHash, canonicalAttestation, GENESIS_HASH, HASHED_FIELDS } from '../../../src/ledger/hash-chain';

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
