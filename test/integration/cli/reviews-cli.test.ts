import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../../support/cli';

let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-reviews-cli-'));
  env = { CONTROLBOT_DATA_DIR: dir };
});
afterAll(() => fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }));

describe('controlbot workflows run and reviews', () => {
  let campaign = '';

  it('runs the quarterly access review at once and prints each step', async () => {
    const run = await cli(env, ['workflows', 'run', 'quarterly-access-review', '--now']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^quarterly-access-review \S+: succeeded\n/);
    expect(run.out).toMatch(/pass {2}create campaign: created: 1476 items for \d+ reviewers, 0 source rows skipped/);
    expect(run.out).toMatch(/pass {2}notify reviewers: /);
    const list = await cli(env, ['reviews', 'list', '--json']);
    const rows = JSON.parse(list.out) as { id: string; status: string; items: number; decided: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'open', items: 1476, decided: 0 });
    campaign = rows[0]?.id ?? '';
  });

  it('exports the evidence of a campaign as CSV and JSON, and only the changes with --remediation', async () => {
    const csv = await cli(env, ['reviews', 'export', campaign]);
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe(
      'campaign,position,holder,holderId,system,account,entitlement,flags,reviewer,decision,reason,decidedBy,decidedAt,attestationHash',
    );
    expect(lines).toHaveLength(1477);
    expect(csv.err).toContain('exported 1476 item(s)');
    const json = await cli(env, ['reviews', 'export', campaign, '--format', 'json']);
    const items = JSON.parse(json.out) as { decision: string; flags: string }[];
    expect(items.filter((i) => i.flags.includes('terminated')).length).toBeGreaterThanOrEqual(12);
    expect(items.every((i) => i.decision === 'open')).toBe(true);
    const remediation = await cli(env, ['reviews', 'export', campaign, '--remediation', '--format', 'json']);
    expect(JSON.parse(remediation.out)).toEqual([]);
  });

  it('says what exists when asked for an unknown workflow or campaign (exit 2)', async () => {
    const run = await cli(env, ['workflows', 'run', 'nope', '--now']);
    expect(run).toMatchObject({ code: 2 });
    expect(run.err).toMatch(
      /no workflow "nope"; known: daily-backup-check, monthly-supplier-review, quarterly-access-review, weekly-digest/,
    );
    const exp = await cli(env, ['reviews', 'export', 'nope']);
    expect(exp.code).toBe(2);
    expect(exp.err).toMatch(/reviews list/);
  });
});
