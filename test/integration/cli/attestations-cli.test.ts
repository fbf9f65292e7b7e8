import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../../support/cli';
import { describeEachStore } from '../../support/stores';

describeEachStore('controlbot attestations', (harness) => {
  const add = (...extra: string[]) =>
    cli(harness().env, [
      'attestations',
      'add',
      '--type',
      'policy.review',
      '--control',
      'A.5.1.2',
      '--actor',
      'Lead@Example.com',
      '--decision',
      'reviewed',
      ...extra,
    ]);

  it('adds, dedupes by key, verifies and exports', async () => {
    const first = await add('--idempotency-key', 'yearly-2026', '--json');
    expect(first.code).toBe(0);
    const record = JSON.parse(first.out) as {
      seq: number;
      controlIds: string[];
      actor: { id: string; platform: string };
      created: boolean;
    };
    expect(record).toMatchObject({
      seq: 1,
      controlIds: ['A.5.1.2'],
      actor: { id: 'lead@example.com', platform: 'cli' },
      created: true,
    });
    expect((await add('--idempotency-key', 'yearly-2026')).out).toMatch(/^already recorded/);
    expect((await add('--comment', 'next review 2027')).code).toBe(0);
    const verified = await cli(harness().env, ['attestations', 'verify']);
    expect(verified).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^ledger intact: 2 record\(s\) verified; head #2 [0-9a-f]{64}/),
    });
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'cb-export-')), 'ledger.json');
    expect((await cli(harness().env, ['attestations', 'export', '--format', 'json', '--output', file])).code).toBe(0);
    expect((JSON.parse(await fs.readFile(file, 'utf8')) as { seq: number }[]).map((r) => r.seq)).toEqual([1, 2]);
    const csv = await cli(harness().env, ['attestations', 'export', '--format', 'csv', '--type', 'policy.review']);
    expect(csv.out.trim().split('\r\n')).toHaveLength(3);
  });

  it('rejects unknown controls and bad arguments with exit code 2', async () => {
    const unknown = await cli(harness().env, [
      'attestations',
      'add',
      '--type',
      'policy.review',
      '--control',
      '42.1.1',
      '--actor',
      'a@b.c',
      '--decision',
      'x',
    ]);
    expect(unknown).toMatchObject({ code: 2, err: expect.stringContaining('unknown control 42.1.1') });
    expect((await cli(harness().env, ['attestations', 'export', '--format', 'xml'])).code).toBe(2);
    expect(
      (await cli(harness().env, ['attestations', 'export', '--format', 'csv', '--since', 'yesterday-ish'])).err,
    ).toMatch(/not a date/);
  });

  it('exits 1 naming the first bad record after a direct database edit', async () => {
    await add('--idempotency-key', 'k1');
    await add('--idempotency-key', 'k2');
    const exported = await cli(harness().env, ['attestations', 'export', '--format', 'json']);
    const second = (JSON.parse(exported.out) as { id: string }[])[1] as { id: string };
    await harness().tamper('attestations', second.id, (doc) => ({ ...doc, decision: 'not reviewed' }));
    const verified = await cli(harness().env, ['attestations', 'verify']);
    expect(verified.code).toBe(1);
    expect(verified.err).toMatch(/ledger BROKEN at seq 2 \(hash mismatch\)/);
  });
});

describe('controlbot configuration errors', () => {
  it('prints one line per problem and exits 2', async () => {
    const r = await cli({ PORT: 'x', LOG_LEVEL: 'chatty' }, ['attestations', 'verify']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'controlbot: The configuration is invalid',
      '  PORT must be a number',
      expect.stringMatching(/^ {2}LOG_LEVEL must be one of/),
    ]);
  });
});
