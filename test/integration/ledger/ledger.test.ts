import { PassThrough } from 'node:stream';
import { fixedClock } from '../../../src/kernel/clock';
import { exportAttestations } from '../../../src/ledger/export';
import { attestationHash } from '../../../src/ledger/hash-chain';
import { createLedger } from '../../../src/ledger/ledger';
import type { Store } from '../../../src/store/port';
import { createDummyAttestation } from '../../support/records';
import { describeEachStore } from '../../support/stores';

const collect = async (stream: PassThrough, run: () => Promise<unknown>) => {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  await run();
  stream.end();
  return Buffer.concat(chunks).toString('utf8');
};

describeEachStore('attestation ledger', (harness) => {
  let store: Store;
  const clock = fixedClock('2026-11-23T09:00:00Z');
  const ledgerOn = (s: Store, known?: (id: string) => boolean) =>
    createLedger({ attestations: s.attestations, catalogVersion: 'iso27017@test', clock, isKnownControl: known });

  beforeEach(async () => {
    store = await harness().open();
  });

  it('chains records: seq from 1, each pointing at the previous hash, and verifies', async () => {
    const ledger = ledgerOn(store);
    const a = await ledger.record(createDummyAttestation({ idempotencyKey: 'k1' }));
    const b = await ledger.record(createDummyAttestation({ idempotencyKey: 'k2', decision: 'revoke' }));
    expect([a.record.seq, b.record.seq]).toEqual([1, 2]);
    expect(a.record.prevHash).toBe('0'.repeat(64));
    expect(b.record.prevHash).toBe(a.record.hash);
    expect(await ledger.verify()).toMatchObject({ ok: true, checked: 2, head: { seq: 2, hash: b.record.hash } });
  });

  it('records a repeated idempotency key once and returns the first record', async () => {
    const ledger = ledgerOn(store);
    const first = await ledger.record(createDummyAttestation({ idempotencyKey: 'click-1' }));
    const [again, twice] = await Promise.all([
      ledger.record(createDummyAttestation({ idempotencyKey: 'click-1', decision: 'revoke' })),
      ledger.record(createDummyAttestation({ idempotencyKey: 'click-1', decision: 'revoke' })),
    ]);
    expect(first.created).toBe(true);
    expect([again.created, twice.created]).toEqual([false, false]);
    expect(again.record.id).toBe(first.record.id);
    expect(again.record.decision).toBe('keep');
    expect(await store.attestations.count()).toBe(1);
  });

  it('rejects invalid input and unknown controls, naming the field, and stores nothing', async () => {
    const ledger = ledgerOn(store, (id) => id === '9.2.5');
    await expect(ledger.record({ ...createDummyAttestation(), decision: 42 } as never)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('decision'),
    });
    await expect(ledger.record(createDummyAttestation({ controlIds: ['99.9.9'] }))).rejects.toThrow(
      /unknown control 99\.9\.9/,
    );
    expect(await store.attestations.count()).toBe(0);
  });

  it('keeps one unbroken chain when two writers append at once (own connections on MongoDB)', async () => {
    // The embedded store is single-process by design, so there the two writers share it.
    const other = harness().kind === 'mongo' ? await harness().open() : store;
    const w1 = ledgerOn(store);
    const w2 = ledgerOn(other);
    const writes = [];
    for (let i = 0; i < 60; i++) {
      writes.push(w1.record(createDummyAttestation({ idempotencyKey: `w1-${i}` })));
      writes.push(w2.record(createDummyAttestation({ idempotencyKey: `w2-${i}` })));
    }
    const results = await Promise.all(writes);
    const seqs = results.map((r) => r.record.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(results.every((r) => r.created)).toBe(true);
    expect(await w1.verify({ pageSize: 7 })).toMatchObject({ ok: true, checked: 120 });
  });

  describe('verify after someone edits the database directly', () => {
    const seed = async () => {
      const ledger = ledgerOn(store);
      const recs = [];
      for (let i = 1; i <= 5; i++)
        recs.push((await ledger.record(createDummyAttestation({ idempotencyKey: `k${i}` }))).record);
      await store.close();
      return recs;
    };
    const verifyAgain = async () => {
      store = await harness().open();
      return ledgerOn(store).verify();
    };

    it('names the first altered record', async () => {
      const recs = await seed();
      await harness().tamper('attestations', recs[2]!._id, (doc) => ({ ...doc, decision: 'revoke' }));
      expect((await verifyAgain()).firstBad).toMatchObject({ seq: 3, problem: 'hash mismatch' });
    });

    it('names a broken link when the altered record was re-hashed', async () => {
      const recs = await seed();
      await harness().tamper('attestations', recs[1]!._id, (doc) => ({ ...doc, prevHash: 'a'.repeat(64) }));
      await harness().tamper('attestations', recs[1]!._id, (doc) => {
        const fixed = { ...doc, at: recs[1]!.at } as never;
        return { ...doc, hash: attestationHash(fixed) };
      });
      expect((await verifyAgain()).firstBad).toMatchObject({ seq: 2, problem: 'broken link' });
    });

    it('names the gap left by a deleted record', async () => {
      const recs = await seed();
      await harness().tamper('attestations', recs[3]!._id, () => null);
      expect((await verifyAgain()).firstBad).toMatchObject({ seq: 4, problem: 'gap' });
    });
  });

  it('exports CSV and JSON in seq order, with filters', async () => {
    const ledger = ledgerOn(store);
    await ledger.record(createDummyAttestation({ idempotencyKey: 'k1', comment: '=HYPERLINK("x")' }));
    clock.advance(86_400_000);
    await ledger.record(
      createDummyAttestation({ idempotencyKey: 'k2', type: 'policy.review', decision: 'reviewed, no change' }),
    );
    const csvOut = new PassThrough();
    const csvText = await collect(csvOut, () => exportAttestations(store.attestations.scan(), 'csv', csvOut));
    const lines = csvText.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^seq,id,at,type/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toContain('"reviewed, no change"');
    const jsonOut = new PassThrough();
    const since = new Date('2026-11-24T00:00:00Z');
    const jsonText = await collect(jsonOut, () =>
      exportAttestations(store.attestations.scan({ since }), 'json', jsonOut),
    );
    const parsed = JSON.parse(jsonText) as { seq: number; type: string }[];
    expect(parsed.map((r) => [r.seq, r.type])).toEqual([[2, 'policy.review']]);
    const typed = new PassThrough();
    const typedText = await collect(typed, () =>
      exportAttestations(store.attestations.scan({ type: 'nope' }), 'json', typed),
    );
    expect(JSON.parse(typedText)).toEqual([]);
  });
});
