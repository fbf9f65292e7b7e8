import { parseAttestationInput } from '../../../src/ledger/attestation-input';
import { createDummyAttestation } from '../../support/records';

const problems = (input: unknown): string[] => {
  try {
    parseAttestationInput(input);
    return [];
  } catch (err) {
    return [...(err as { details: string[] }).details];
  }
};

describe('parseAttestationInput', () => {
  it('accepts a complete attestation', () => {
    expect(parseAttestationInput(createDummyAttestation()).decision).toBe('keep');
  });

  it('names each missing or ill-typed field', () => {
    const found = problems({ ...createDummyAttestation(), decision: undefined, controlIds: 'x', actor: { id: 'a' } });
    expect(found.some((p) => p.startsWith('decision'))).toBe(true);
    expect(found.some((p) => p.startsWith('controlIds'))).toBe(true);
    expect(found.some((p) => p.startsWith('actor.name'))).toBe(true);
    expect(found.some((p) => p.startsWith('actor.platform'))).toBe(true);
  });

  it('rejects unknown fields and malformed types', () => {
    expect(problems({ ...createDummyAttestation(), hash: 'forged' }).join()).toMatch(/hash/);
    expect(problems(createDummyAttestation({ type: 'Access Review' })).join()).toMatch(/^type/);
    expect(problems(createDummyAttestation({ controlIds: [] })).join()).toMatch(/at least one control/);
  });

  it('rejects evidence that a MongoDB-compatible store would not keep faithfully', () => {
    expect(problems(createDummyAttestation({ evidence: { 'a.b': 1 } })).join()).toMatch(/evidence has key "a.b"/);
    expect(problems(createDummyAttestation({ evidence: { $where: 1 } })).join()).toMatch(/\$/);
    expect(problems(createDummyAttestation({ evidence: { m: [[1, 2]] } })).join()).toMatch(/array inside an array/);
    expect(problems(createDummyAttestation({ evidence: { n: Number.POSITIVE_INFINITY } })).join()).toMatch(/finite/);
    expect(problems(createDummyAttestation({ evidence: { big: 'x'.repeat(70_000) } })).join()).toMatch(/KiB/);
  });
});
