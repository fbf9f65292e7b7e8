import { z } from 'zod';
import { choice, flag, isoDate, numberField, optionalNumber, optionalText, requiredText } from './fields';
import { type ProblemSink, readSource, type SourceRow } from './read-source';

/** One backup job's latest state, as a backup tool's report lists it. */
export interface BackupJob {
  /** The register's system slug the job protects. */
  system: string;
  job: string;
  /** When the job last produced a good backup; null when it never has. */
  lastSuccess: Date | null;
  /** Size of that backup in bytes; null when the tool does not say. */
  sizeBytes: number | null;
  /** The outcome of the job's most recent run. */
  status: 'success' | 'warning' | 'failed';
  encrypted: boolean;
  /** A copy is kept in another region (or another provider). */
  crossRegionCopy: boolean;
  /** How long the tool keeps the backups; null when the report does not say. */
  retentionDays: number | null;
}

/** One data store under the backup policy, and the policy it must meet. */
export interface BackupPolicyEntry {
  system: string;
  name: string;
  /** Recovery point objective: the most hours allowed since the last good backup. */
  rpoHours: number;
  retentionDays: number;
  /** A restore must be tested at least this often. */
  restoreTestDays: number;
  /** The policy wants a copy in another region. */
  crossRegionRequired: boolean;
  /** The owner's directory person id. */
  owner: string;
  /** A restore test done before controlbot recorded them; null when none is known. */
  lastRestoreTest: Date | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Accepts the JSON spellings (camelCase, a few synonyms) of the CSV columns. */
const renamed = (aliases: Record<string, string>) => (row: unknown) => {
  if (!isRecord(row)) return row;
  const out: Record<string, unknown> = { ...row };
  for (const [alias, column] of Object.entries(aliases)) {
    if (out[column] === undefined && alias in out) out[column] = out[alias];
    delete out[alias];
  }
  return out;
};

/** A report row: system, job, last_success, size_bytes, status, encrypted, cross_region_copy, retention_days. */
export const backupJobSchema: z.ZodType<BackupJob> = z.preprocess(
  renamed({
    lastSuccess: 'last_success',
    lastSuccessAt: 'last_success',
    last_success_at: 'last_success',
    sizeBytes: 'size_bytes',
    crossRegionCopy: 'cross_region_copy',
    retentionDays: 'retention_days',
  }),
  z
    .object({
      system: requiredText(),
      job: requiredText(),
      last_success: isoDate(),
      size_bytes: optionalNumber({ whole: true }),
      status: choice(['success', 'warning', 'failed']),
      encrypted: flag(),
      cross_region_copy: flag(),
      retention_days: optionalNumber({ whole: true }),
    })
    .transform((r) => ({
      system: r.system,
      job: r.job,
      lastSuccess: r.last_success,
      sizeBytes: r.size_bytes,
      status: r.status,
      encrypted: r.encrypted,
      crossRegionCopy: r.cross_region_copy,
      retentionDays: r.retention_days,
    })),
);

/**
 * A register row: system, name, rpo_hours, retention_days, restore_test_days, cross_region_copy
 * (required: yes/no), owner, last_restore_test (optional date).
 */
export const backupPolicySchema: z.ZodType<BackupPolicyEntry> = z.preprocess(
  renamed({
    rpoHours: 'rpo_hours',
    retentionDays: 'retention_days',
    restoreTestDays: 'restore_test_days',
    crossRegionCopy: 'cross_region_copy',
    lastRestoreTest: 'last_restore_test',
  }),
  z
    .object({
      system: requiredText(),
      name: optionalText(),
      rpo_hours: numberField({ min: 1 }),
      retention_days: numberField({ min: 1, whole: true }),
      restore_test_days: numberField({ min: 1, whole: true }),
      cross_region_copy: flag(),
      owner: requiredText(),
      last_restore_test: isoDate(),
    })
    .transform((r) => ({
      system: r.system,
      name: r.name ?? r.system,
      rpoHours: r.rpo_hours,
      retentionDays: r.retention_days,
      restoreTestDays: r.restore_test_days,
      crossRegionRequired: r.cross_region_copy,
      owner: r.owner,
      lastRestoreTest: r.last_restore_test,
    })),
);

/** The valid jobs of a `.csv`, `.json` or `.jsonl` backup report; invalid rows go to `problems`. */
export const readBackupJobs = (file: string, problems: ProblemSink): AsyncGenerator<SourceRow<BackupJob>> =>
  readSource(file, backupJobSchema, problems);

/** The valid entries of a backup register file; invalid rows go to `problems`. */
export const readBackupPolicies = (file: string, problems: ProblemSink): AsyncGenerator<SourceRow<BackupPolicyEntry>> =>
  readSource(file, backupPolicySchema, problems);
