import { readBackupJobs, readBackupPolicies } from '../../../src/connectors/backups';
import { SourceProblems } from '../../../src/connectors/read-source';
import { readSuppliers } from '../../../src/connectors/suppliers';
import { collect, fixtureFiles } from './fixture-files';

const files = fixtureFiles();

describe('backup report and register', () => {
  it('reads a CSV report and a JSON report with camelCase keys alike', async () => {
    const problems = new SourceProblems();
    const csv = files.write(
      'report.csv',
      'system,job,last_success,size_bytes,status,encrypted,cross_region_copy,retention_days\n' +
        'db,nightly,2026-11-23T02:00:00Z,1024,Success,yes,no,\n',
    );
    const json = files.write(
      'report.json',
      JSON.stringify({
        backups: [
          {
            system: 'db',
            job: 'nightly',
            lastSuccessAt: '2026-11-23T02:00:00Z',
            sizeBytes: 1024,
            status: 'success',
            encrypted: true,
            crossRegionCopy: false,
          },
        ],
      }),
    );
    const [fromCsv] = await collect(readBackupJobs(csv, problems));
    const [fromJson] = await collect(readBackupJobs(json, problems));
    expect(problems.count).toBe(0);
    const { line: _a, ...a } = fromCsv as NonNullable<typeof fromCsv>;
    const { line: _b, ...b } = fromJson as NonNullable<typeof fromJson>;
    expect(a).toEqual(b);
    expect(a).toEqual({
      system: 'db',
      job: 'nightly',
      lastSuccess: new Date('2026-11-23T02:00:00Z'),
      sizeBytes: 1024,
      status: 'success',
      encrypted: true,
      crossRegionCopy: false,
      retentionDays: null,
    });
  });

  it('skips invalid rows with file:line and a message that says what to write', async () => {
    const problems = new SourceProblems();
    const file = files.write(
      'register.csv',
      'system,name,rpo_hours,retention_days,restore_test_days,cross_region_copy,owner,last_restore_test\n' +
        'db,DB,24,35,90,yes,p1,\n' +
        'cache,Cache,0,1.5,90,,p2,2026-13-01\n',
    );
    const rows = await collect(readBackupPolicies(file, problems));
    expect(rows.map((r) => r.system)).toEqual(['db']);
    expect(String(problems.first[0])).toBe(
      `${file}:3: rpo_hours: must be a number of at least 1, got "0"; retention_days: must be a whole number, got "1.5"; cross_region_copy: is required: true or false (or yes/no, 1/0); last_restore_test: must be an ISO date or date-time such as 2024-05-01T09:30:00Z, got "2026-13-01"`,
    );
  });
});

describe('supplier register', () => {
  it('reads documents from a CSV cell or a JSON array, and refuses what it cannot read', async () => {
    const problems = new SourceProblems();
    const file = files.write(
      'suppliers.json',
      JSON.stringify([
        {
          id: 'a',
          name: 'A',
          service: 's',
          owner: 'p1',
          tier: 'High',
          dataShared: ['x', 'y'],
          lastReview: '2026-01-01',
          documents: 'iso27001 expires 2027-01-31; SOC2-Type2 period-end 2026-06-30',
        },
        {
          id: 'b',
          name: 'B',
          service: 's',
          owner: 'p1',
          tier: 'low',
          last_review: '2026-01-01',
          documents: [{ type: 'pentest', periodEnd: '2026-03-31' }],
          status: 'Offboarded',
        },
        {
          id: 'c',
          name: 'C',
          service: 's',
          owner: 'p1',
          tier: 'urgent',
          last_review: '',
          documents: 'iso27001 until next year',
        },
      ]),
    );
    const rows = await collect(readSuppliers(file, problems));
    expect(rows.map(({ line: _l, ...r }) => r)).toEqual([
      {
        id: 'a',
        name: 'A',
        service: 's',
        owner: 'p1',
        tier: 'high',
        dataShared: ['x', 'y'],
        lastReview: new Date('2026-01-01T00:00:00Z'),
        documents: [
          { type: 'iso27001', expires: new Date('2027-01-31T00:00:00Z'), periodEnd: null },
          { type: 'soc2-type2', expires: null, periodEnd: new Date('2026-06-30T00:00:00Z') },
        ],
        status: 'active',
      },
      expect.objectContaining({
        id: 'b',
        status: 'offboarded',
        dataShared: [],
        documents: [{ type: 'pentest', expires: null, periodEnd: new Date('2026-03-31T00:00:00Z') }],
      }),
    ]);
    expect(problems.first.map(String)).toEqual([
      expect.stringMatching(
        /suppliers\.json:1: tier: must be critical or high or medium or low, got "urgent"; last_review: is required.*; documents: cannot read "iso27001 until next year": write entries such as/,
      ),
    ]);
  });
});
