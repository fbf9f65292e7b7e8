import { normaliseControlId } from '../../../src/catalog/create-catalog';
import {
  type ControlResolver,
  sourceFilesOf,
  type WorkflowDefinition,
  workflowDefinitionSchema,
} from '../../../src/workflows/definition';

const KNOWN = new Set(['9.2.5', '9.2.3', '12.3.1', '15.2.1', 'CLD.9.5.1']);
const catalog: ControlResolver = {
  resolveId: (raw) => (KNOWN.has(normaliseControlId(raw)) ? normaliseControlId(raw) : undefined),
};
const schema = workflowDefinitionSchema(catalog);

const accessReview = {
  name: 'quarterly-access-review',
  kind: 'access-review',
  schedule: '0 9 1 1,4,7,10 *',
  timezone: 'Europe/Berlin',
  controls: ['A.9.2.5', '9.2.3'],
  accessReview: {
    sources: { people: 'data/p.csv', entitlements: 'data/e.csv', systems: 'data/s.csv' },
    reviewer: 'manager',
    fallbackReviewer: 'p-ada',
  },
};

const issues = (data: unknown) =>
  (schema.safeParse(data).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('workflow definitions', () => {
  it('fills the access-review defaults and stores control ids as the catalog writes them', () => {
    const def = schema.parse(accessReview);
    expect(def).toMatchObject({ enabled: true, controls: ['9.2.5', '9.2.3'] });
    expect(def.kind === 'access-review' && def.accessReview).toEqual({
      ...accessReview.accessReview,
      durationDays: 14,
      dormantAfterDays: 90,
      reminders: { everyWorkingDays: 3, dailyWhenOverdue: true },
      escalation: { afterDays: 7, to: ['manager', 'compliance-lead'] },
      unreviewed: 'flag',
    });
  });

  it('accepts each kind with its own settings block and its defaults', () => {
    const common = { schedule: '0 7 * * *', timezone: 'UTC', controls: ['12.3.1'] };
    const backupCheck = {
      report: 'https://backups.example/report.json',
      register: 'data/r.csv',
      authHeader: { name: 'Authorization', valueFile: '/run/secrets/backup-report' },
    };
    const backup = schema.parse({ ...common, name: 'daily-backup-check', kind: 'backup-check', backupCheck });
    expect(sourceFilesOf(backup)).toEqual([{ path: ['backupCheck', 'register'], file: 'data/r.csv' }]);
    const fileWithHeader = schema.safeParse({ ...backup, backupCheck: { ...backupCheck, report: 'data/b.json' } });
    expect(fileWithHeader.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'backupCheck.authHeader: only a report fetched from an http(s) URL is sent a header: remove authHeader, or make report a URL',
    ]);
    const supplier = schema.parse({
      ...common,
      name: 'suppliers',
      kind: 'supplier-review',
      supplierReview: { register: 'data/suppliers.csv', cadenceMonths: { critical: 3 } },
    }) as Extract<WorkflowDefinition, { kind: 'supplier-review' }>;
    expect(supplier.supplierReview).toEqual({
      register: 'data/suppliers.csv',
      cadenceMonths: { critical: 3, high: 12, medium: 24, low: 36 },
      dueWithinDays: 30,
      expiringWithinDays: 30,
    });
    expect(schema.parse({ ...common, name: 'digest', kind: 'digest', digest: { period: 'weekly' } })).toMatchObject({
      digest: { period: 'weekly' },
    });
  });

  it('wants exactly the settings block of its kind', () => {
    expect(issues({ ...accessReview, accessReview: undefined })).toEqual([
      'accessReview: kind access-review needs its settings under accessReview:',
    ]);
    expect(issues({ ...accessReview, digest: { period: 'weekly' } })).toEqual([
      expect.stringMatching(/Unrecognized key: "digest"/),
    ]);
    expect(issues({ ...accessReview, kind: 'audit' })).toEqual([
      'kind: kind must be one of access-review, backup-check, supplier-review, digest',
    ]);
  });

  it('rejects unknown keys, bad values and paths outside the repository', () => {
    const bad = {
      ...accessReview,
      name: 'Quarterly Review',
      controls: ['9.2.5', '42.1.1'],
      accessReview: {
        ...accessReview.accessReview,
        sources: { ...accessReview.accessReview.sources, people: '/etc/passwd', systems: '../s.csv' },
        durationDays: 0,
        reminders: { everyWorkingDay: 3 },
        escalation: { to: [] },
      },
    };
    expect(issues(bad)).toEqual([
      'name: name must be kebab-case, e.g. quarterly-access-review',
      'controls.1: unknown control "42.1.1": use a catalog id such as 9.2.5 or CLD.9.5.1',
      expect.stringMatching(/^accessReview\.sources\.people: must be a path inside the repository/),
      expect.stringMatching(/^accessReview\.sources\.systems: must be a path inside the repository/),
      'accessReview.durationDays: must be at least 1 day',
      'accessReview.reminders: Unrecognized key: "everyWorkingDay"',
      'accessReview.escalation.to: name at least one of manager, compliance-lead',
    ]);
  });

  it('checks schedules with node-cron and time zones against IANA names', () => {
    const at = (schedule: string, timezone = 'Europe/Berlin') => issues({ ...accessReview, schedule, timezone });
    expect(at('0 9 * * 1')).toEqual([]);
    expect(at('0 0 9 * * 1-5')).toEqual([]);
    expect(at('0 9 * *')).toEqual([expect.stringMatching(/^schedule: "0 9 \* \*" has 4 field\(s\): use 5/)]);
    expect(at('61 9 * * *')).toEqual([expect.stringMatching(/not a valid cron expression: 61 is a invalid/)]);
    expect(at('0 9 1 * 1')).toEqual([expect.stringMatching(/restricts both day-of-month \(1\) and day-of-week \(1\)/)]);
    expect(at('0 9 31 2 *')).toEqual([expect.stringMatching(/impossible day of month/)]);
    expect(at('0 9 15W * *')).toEqual([expect.stringMatching(/beyond what the slot calculation understands/)]);
    expect(at('0 9 * * 1', 'UTC')).toEqual([]);
    expect(at('0 9 * * 1', 'Mars/Olympus')).toEqual([
      'timezone: unknown time zone "Mars/Olympus": use an IANA name such as Europe/Berlin, America/New_York or UTC',
    ]);
    expect(at('0 9 * * 1', 'europe/berlin')).toEqual([
      'timezone: time zone "europe/berlin" is not written as an IANA name: use Europe/Berlin',
    ]);
  });
});
