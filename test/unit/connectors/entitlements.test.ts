import { readEntitlements } from '../../../src/connectors/entitlements';
import { SourceProblems } from '../../../src/connectors/read-source';
import { collect, fixtureFiles } from './fixture-files';

const files = fixtureFiles();
const HEADER = 'account,person,system,role,privileged,last_login';

async function read(file: string) {
  const problems = new SourceProblems();
  const rows = await collect(readEntitlements(file, problems));
  return { rows, problems: problems.first.map(String) };
}

describe('readEntitlements', () => {
  it('reads an entitlement, with an account nobody owns as person null', async () => {
    const file = files.write('access.csv', `${HEADER}\nsvc-backup,,aws-prod,admin,yes,2024-05-01T09:30:00Z\n`);
    expect(await read(file)).toEqual({
      rows: [
        {
          account: 'svc-backup',
          person: null,
          system: 'aws-prod',
          role: 'admin',
          privileged: true,
          lastLogin: new Date('2024-05-01T09:30:00Z'),
          line: 2,
        },
      ],
      problems: [],
    });
  });

  it('reads privileged as true/false, yes/no or 1/0 in any case, and rejects anything else or a blank', async () => {
    const values = ['true', 'FALSE', 'Yes', 'no', '1', '0', 'maybe', ''];
    const file = files.write('access.csv', `${HEADER}\n${values.map((v, i) => `a${i},p1,s,r,${v},`).join('\n')}\n`);
    const { rows, problems } = await read(file);
    expect(rows.map((r) => r.privileged)).toEqual([true, false, true, false, true, false]);
    expect(problems).toEqual([
      `${file}:8: privileged: must be true or false (or yes/no, 1/0), got "maybe"`,
      `${file}:9: privileged: is required: true or false (or yes/no, 1/0)`,
    ]);
  });

  it('reads last_login as an ISO date or date-time (UTC unless it says otherwise); blank is null', async () => {
    const values = ['2024-05-01', '2024-05-01T09:30:00Z', '2024-05-01T11:30:00.250+02:00', '2024-05-01 09:30', ''];
    const file = files.write('access.csv', `${HEADER}\n${values.map((v, i) => `a${i},p1,s,r,no,${v}`).join('\n')}\n`);
    const { rows, problems } = await read(file);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.lastLogin?.toISOString() ?? null)).toEqual([
      '2024-05-01T00:00:00.000Z',
      '2024-05-01T09:30:00.000Z',
      '2024-05-01T09:30:00.250Z',
      '2024-05-01T09:30:00.000Z',
      null,
    ]);
  });

  it('reports a last_login that is not a real date or time', async () => {
    const values = ['yesterday', '2024-02-30', '2024-05-01T24:00:00Z', '05/01/2024'];
    const file = files.write('access.csv', `${HEADER}\n${values.map((v, i) => `a${i},p1,s,r,no,${v}`).join('\n')}\n`);
    const { rows, problems } = await read(file);
    expect(rows).toEqual([]);
    expect(problems).toEqual(
      values.map(
        (v, i) =>
          `${file}:${i + 2}: last_login: must be an ISO date or date-time such as 2024-05-01T09:30:00Z, got "${v}"`,
      ),
    );
  });

  it('accepts lastLogin as the JSON key, booleans as JSON booleans, and a missing person as null', async () => {
    const file = files.write(
      'access.json',
      JSON.stringify([{ account: 'ann', system: 'github', role: 'owner', privileged: true, lastLogin: '2024-04-30' }]),
    );
    expect((await read(file)).rows).toEqual([
      {
        account: 'ann',
        person: null,
        system: 'github',
        role: 'owner',
        privileged: true,
        lastLogin: new Date('2024-04-30T00:00:00Z'),
        line: 1,
      },
    ]);
  });
});
