import type { BackupJob, BackupPolicyEntry } from '../../connectors/backups';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const REASON_CODES = [
  'missing',
  'stale',
  'job-failed',
  'empty',
  'unencrypted',
  'no-cross-region-copy',
  'retention-short',
  'restore-test-overdue',
  'restore-test-failed',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** One short sentence for the owner and the auditor. */
  text: string;
}

/** The latest restore test known for a system, from the register or from an owner's attestation. */
export interface RestoreTestFact {
  testedAt: Date;
  result: 'success' | 'partial' | 'failed';
}

export interface SystemVerdict {
  system: string;
  status: 'pass' | 'fail';
  reasons: Reason[];
  /** What the verdict rests on, kept as evidence (JSON: ISO dates, numbers, strings). */
  facts: {
    jobs: string[];
    lastSuccess: string | null;
    ageHours: number | null;
    rpoHours: number;
    sizeBytes: number | null;
    lastRestoreTest: string | null;
    restoreTestResult: string | null;
    restoreTestDays: number;
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const hours = (ms: number) => Math.round((ms / HOUR_MS) * 10) / 10;
const ageText = (h: number) => (h >= 48 ? `${Math.floor(h / 24)} days` : `${Math.round(h)} hours`);

/** The newest of the register's restore test (taken as successful) and the attested one. */
export function latestRestoreTest(entry: BackupPolicyEntry, attested: RestoreTestFact | null): RestoreTestFact | null {
  const fromRegister = entry.lastRestoreTest ? { testedAt: entry.lastRestoreTest, result: 'success' as const } : null;
  if (!attested) return fromRegister;
  if (!fromRegister) return attested;
  return attested.testedAt >= fromRegister.testedAt ? attested : fromRegister;
}

function restoreReasons(entry: BackupPolicyEntry, test: RestoreTestFact | null, now: Date): Reason[] {
  if (!test || now.getTime() - test.testedAt.getTime() > entry.restoreTestDays * DAY_MS) {
    const since = test ? `the last one was on ${day(test.testedAt)}` : 'none is recorded';
    return [
      { code: 'restore-test-overdue', text: `No restore test in the last ${entry.restoreTestDays} days (${since}).` },
    ];
  }
  if (test.result !== 'success') {
    return [
      {
        code: 'restore-test-failed',
        text: `The restore test of ${day(test.testedAt)} ${test.result === 'partial' ? 'only partly worked' : 'failed'}.`,
      },
    ];
  }
  return [];
}

function jobReasons(entry: BackupPolicyEntry, jobs: readonly BackupJob[], now: Date): Reason[] {
  if (jobs.length === 0) return [{ code: 'missing', text: 'The backup report does not list this system.' }];
  const reasons: Reason[] = [];
  const good = jobs.filter((j) => j.lastSuccess).sort((a, b) => Number(b.lastSuccess) - Number(a.lastSuccess));
  const latest = good[0];
  const ageH = latest?.lastSuccess ? Math.max(0, now.getTime() - latest.lastSuccess.getTime()) / HOUR_MS : null;
  if (ageH === null) reasons.push({ code: 'stale', text: 'No backup has ever succeeded.' });
  else if (ageH > entry.rpoHours) {
    reasons.push({
      code: 'stale',
      text: `The last good backup is ${ageText(ageH)} old; the RPO is ${entry.rpoHours} hours.`,
    });
  }
  const failed = jobs.filter((j) => j.status === 'failed').map((j) => j.job);
  if (failed.length) reasons.push({ code: 'job-failed', text: `The last run of ${failed.join(', ')} failed.` });
  if (latest?.sizeBytes === 0) reasons.push({ code: 'empty', text: `The last good backup (${latest.job}) is empty.` });
  const plain = jobs.filter((j) => !j.encrypted).map((j) => j.job);
  if (plain.length) reasons.push({ code: 'unencrypted', text: `Not encrypted: ${plain.join(', ')}.` });
  if (entry.crossRegionRequired && !jobs.some((j) => j.crossRegionCopy)) {
    reasons.push({
      code: 'no-cross-region-copy',
      text: 'No copy is kept in another region, as the register requires.',
    });
  }
  const short = jobs.filter((j) => j.retentionDays !== null && j.retentionDays < entry.retentionDays);
  if (short.length) {
    const list = short.map((j) => `${j.job} ${j.retentionDays} days`).join(', ');
    reasons.push({
      code: 'retention-short',
      text: `Kept for less than the ${entry.retentionDays} days required (${list}).`,
    });
  }
  return reasons;
}

/**
 * Judges one registered system at `now`, a pure function: the report's jobs for it against the
 * register's policy (RPO, failed jobs, empty backups, encryption, cross-region copy, retention)
 * and the latest restore test against its interval. Any reason fails the system.
 */
export function evaluateSystem(
  entry: BackupPolicyEntry,
  jobs: readonly BackupJob[],
  restoreTest: RestoreTestFact | null,
  now: Date,
): SystemVerdict {
  const test = latestRestoreTest(entry, restoreTest);
  const reasons = [...jobReasons(entry, jobs, now), ...restoreReasons(entry, test, now)];
  const latest = jobs.filter((j) => j.lastSuccess).sort((a, b) => Number(b.lastSuccess) - Number(a.lastSuccess))[0];
  return {
    system: entry.system,
    status: reasons.length ? 'fail' : 'pass',
    reasons,
    facts: {
      jobs: jobs.map((j) => j.job),
      lastSuccess: latest?.lastSuccess?.toISOString() ?? null,
      ageHours: latest?.lastSuccess ? hours(Math.max(0, now.getTime() - latest.lastSuccess.getTime())) : null,
      rpoHours: entry.rpoHours,
      sizeBytes: latest?.sizeBytes ?? null,
      lastRestoreTest: test ? day(test.testedAt) : null,
      restoreTestResult: test?.result ?? null,
      restoreTestDays: entry.restoreTestDays,
    },
  };
}

/** Every registered system judged at `now`, plus the systems the report lists but the register does not. */
export function evaluateAll(
  register: readonly BackupPolicyEntry[],
  jobs: readonly BackupJob[],
  restoreTests: ReadonlyMap<string, RestoreTestFact>,
  now: Date,
): { verdicts: SystemVerdict[]; unregistered: string[] } {
  const bySystem = new Map<string, BackupJob[]>();
  for (const j of jobs) bySystem.set(j.system, [...(bySystem.get(j.system) ?? []), j]);
  const verdicts = register.map((e) =>
    evaluateSystem(e, bySystem.get(e.system) ?? [], restoreTests.get(e.system) ?? null, now),
  );
  const known = new Set(register.map((e) => e.system));
  return { verdicts, unregistered: [...bySystem.keys()].filter((s) => !known.has(s)).sort() };
}
