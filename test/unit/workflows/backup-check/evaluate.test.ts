import path from 'node:path';
import {
  type BackupJob,
  type BackupPolicyEntry,
  readBackupJobs,
  readBackupPolicies,
} from '../../../../src/connectors/backups';
import { SourceProblems } from '../../../../src/connectors/read-source';
import { evaluateAll, evaluateSystem, latestRestoreTest } from '../../../../src/workflows/backup-check/evaluate';
import { collect } from '../../connectors/fixture-files';

const NOW = new Date('2026-11-23T06:00:00Z');
const SAMPLES = path.resolve(__dirname, '../../../../data/samples');

const entry = (over: Partial<BackupPolicyEntry> = {}): BackupPolicyEntry => ({
  system: 'billing-postgres',
  name: 'Billing',
  rpoHours: 24,
  retentionDays: 35,
  restoreTestDays: 90,
  crossRegionRequired: true,
  owner: 'p107',
  lastRestoreTest: new Date('2026-10-01T00:00:00Z'),
  ...over,
});
const job = (over: Partial<BackupJob> = {}): BackupJob => ({
  system: 'billing-postgres',
  job: 'rds-snapshot',
  lastSuccess: new Date('2026-11-23T02:00:00Z'),
  sizeBytes: 1024,
  status: 'success',
  encrypted: true,
  crossRegionCopy: true,
  retentionDays: 35,
  ...over,
});
const codes = (e: BackupPolicyEntry, jobs: BackupJob[], now = NOW) =>
  evaluateSystem(e, jobs, null, now).reasons.map((r) => r.code);

describe('evaluateSystem', () => {
  it('passes a fresh, encrypted, replicated backup with a recent restore test', () => {
    const v = evaluateSystem(entry(), [job()], null, NOW);
    expect(v).toMatchObject({ status: 'pass', reasons: [] });
    expect(v.facts).toMatchObject({
      ageHours: 4,
      rpoHours: 24,
      lastRestoreTest: '2026-10-01',
      restoreTestResult: 'success',
    });
  });

  it('fails on the RPO exactly when the last good backup is older, whichever job made it', () => {
    const older = job({ job: 'dump', lastSuccess: new Date('2026-11-22T05:59:00Z') });
    expect(codes(entry(), [older])).toEqual(['stale']);
    expect(codes(entry(), [older, job()])).toEqual([]);
    expect(codes(entry(), [job({ lastSuccess: new Date('2026-11-22T06:00:00Z') })])).toEqual([]);
    expect(codes(entry(), [job({ lastSuccess: null, status: 'failed' })])).toEqual(['stale', 'job-failed']);
    expect(evaluateSystem(entry(), [older], null, NOW).reasons[0]?.text).toMatch(/24 hours old; the RPO is 24 hours/);
  });

  it('names each broken rule: failed run, empty backup, encryption, cross-region copy, retention, missing', () => {
    expect(codes(entry(), [job({ status: 'failed' })])).toEqual(['job-failed']);
    expect(codes(entry(), [job({ sizeBytes: 0 })])).toEqual(['empty']);
    expect(codes(entry(), [job({ encrypted: false })])).toEqual(['unencrypted']);
    expect(codes(entry(), [job({ crossRegionCopy: false })])).toEqual(['no-cross-region-copy']);
    expect(codes(entry({ crossRegionRequired: false }), [job({ crossRegionCopy: false })])).toEqual([]);
    expect(codes(entry(), [job({ retentionDays: 7 })])).toEqual(['retention-short']);
    expect(codes(entry(), [job({ retentionDays: null })])).toEqual([]);
    expect(codes(entry(), [])).toEqual(['missing']);
  });

  it('wants a successful restore test within the interval, counting the newest of register and attestation', () => {
    expect(codes(entry({ lastRestoreTest: null }), [job()])).toEqual(['restore-test-overdue']);
    expect(codes(entry({ lastRestoreTest: new Date('2026-08-24T00:00:00Z') }), [job()])).toEqual([
      'restore-test-overdue',
    ]);
    expect(codes(entry({ lastRestoreTest: new Date('2026-08-25T06:00:00Z') }), [job()])).toEqual([]);
    const failed = { testedAt: new Date('2026-11-20T00:00:00Z'), result: 'failed' as const };
    expect(evaluateSystem(entry(), [job()], failed, NOW).reasons.map((r) => r.code)).toEqual(['restore-test-failed']);
    const old = { testedAt: new Date('2026-01-01T00:00:00Z'), result: 'failed' as const };
    expect(latestRestoreTest(entry(), old)).toEqual({ testedAt: entry().lastRestoreTest, result: 'success' });
    const fresh = { testedAt: new Date('2026-11-20T00:00:00Z'), result: 'success' as const };
    expect(evaluateSystem(entry({ lastRestoreTest: null }), [job()], fresh, NOW).status).toBe('pass');
  });
});

describe('the shipped backup samples', () => {
  it('read cleanly and show passing, stale and failing systems at 07:00 Berlin on 2026-11-23', async () => {
    const problems = new SourceProblems();
    const register = await collect(readBackupPolicies(path.join(SAMPLES, 'backup-register.csv'), problems));
    const jobs = await collect(readBackupJobs(path.join(SAMPLES, 'backups.json'), problems));
    expect(problems.first.map(String)).toEqual([]);
    const { verdicts, unregistered } = evaluateAll(register, jobs, new Map(), NOW);
    const failing = Object.fromEntries(
      verdicts.filter((v) => v.status === 'fail').map((v) => [v.system, v.reasons.map((r) => r.code)]),
    );
    expect(failing).toEqual({
      'billing-postgres': ['stale'],
      'github-enterprise': ['restore-test-overdue'],
      'jira-export': ['job-failed'],
      'google-workspace': ['missing'],
      'bamboohr-export': ['unencrypted'],
      'salesforce-backup': ['no-cross-region-copy'],
    });
    expect(verdicts.filter((v) => v.status === 'pass')).toHaveLength(7);
    expect(unregistered).toEqual(['tmp-scratch-volume']);
  });
});
