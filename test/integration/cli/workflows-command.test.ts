import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../../support/cli';

const DIGEST = `name: weekly-digest
kind: digest
schedule: "0 9 * * 1"
timezone: Europe/Berlin
controls: ["A.18.2.2"]
digest:
  period: weekly
`;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-workflows-cli-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }));

describe('controlbot workflows', () => {
  it('validates the shipped workflows/ folder', async () => {
    expect(await cli({}, ['workflows', 'validate'])).toMatchObject({ code: 0, out: 'ok: 4 workflows\n', err: '' });
  });

  it('validates another folder, printing file:line: message per problem and exiting 2', async () => {
    await fs.writeFile(path.join(dir, 'weekly-digest.yml'), DIGEST);
    expect(await cli({}, ['workflows', 'validate', '--dir', dir])).toMatchObject({ code: 0, out: 'ok: 1 workflows\n' });

    await fs.writeFile(path.join(dir, 'broken.yml'), DIGEST.replace('Europe/Berlin', 'Europe/Nowhere'));
    const r = await cli({}, ['workflows', 'validate', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toEqual([
      expect.stringMatching(/broken\.yml:4: timezone: unknown time zone "Europe\/Nowhere"/),
    ]);
  });

  it('lists workflows with their next runs as JSON', async () => {
    await fs.writeFile(path.join(dir, 'weekly-digest.yml'), DIGEST);
    const r = await cli({}, ['workflows', 'list', '--dir', dir, '--json', '--count', '2', '--from', '2026-03-24']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      {
        name: 'weekly-digest',
        kind: 'digest',
        enabled: true,
        schedule: '0 9 * * 1',
        timezone: 'Europe/Berlin',
        controls: ['18.2.2'],
        nextRuns: [
          { at: '2026-03-30T07:00:00.000Z', local: '2026-03-30T09:00:00+02:00' },
          { at: '2026-04-06T07:00:00.000Z', local: '2026-04-06T09:00:00+02:00' },
        ],
      },
    ]);
  });

  it('lists the shipped workflows as text, and refuses an invalid folder or count', async () => {
    const r = await cli({}, ['workflows', 'list', '--count', '1', '--from', '2026-11-23T00:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('quarterly-access-review  access-review  "0 9 1 1,4,7,10 *" Europe/Berlin');
    expect(r.out).toContain('  next: 2027-01-01T09:00:00+01:00  (2027-01-01T08:00:00.000Z)');
    await fs.writeFile(path.join(dir, 'bad.yml'), 'name: bad\n');
    expect((await cli({}, ['workflows', 'list', '--dir', dir])).code).toBe(2);
    expect((await cli({}, ['workflows', 'list', '--count', '0'])).code).toBe(2);
  });
});
