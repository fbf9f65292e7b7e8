import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  type BackupJob,
  type BackupPolicyEntry,
  backupJobSchema,
  readBackupJobs,
  readBackupPolicies,
} from '../../connectors/backups';
import { fetchJsonRows, shownUrl, validRows } from '../../connectors/http-json';
import { RowProblem, type SourceProblems } from '../../connectors/read-source';
import { AppError } from '../../kernel/errors';
import type { BackupCheckSettings } from '../definition';

export interface Evidence {
  register: BackupPolicyEntry[];
  jobs: BackupJob[];
  /** Where the report came from, as it may be shown (a URL without its query). */
  reportSource: string;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** The auth header's value, read from its file at run time; the value itself is never logged or shown. */
async function headerValue(settings: BackupCheckSettings, root: string): Promise<Record<string, string>> {
  const header = settings.authHeader;
  if (!header) return {};
  const file = path.resolve(root, header.valueFile);
  let value: string;
  try {
    value = (await fs.readFile(file, 'utf8')).trim();
  } catch (err) {
    throw new AppError(
      'config_invalid',
      `backupCheck.authHeader.valueFile ${header.valueFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): create it with the ${header.name} value, e.g. "Bearer <token>"`,
      { cause: err },
    );
  }
  if (!value) {
    throw new AppError(
      'config_invalid',
      `backupCheck.authHeader.valueFile ${header.valueFile} is empty: put the ${header.name} value in it`,
    );
  }
  return { [header.name]: value };
}

/**
 * Reads a backup check's evidence: the register (repository file) and the report (a repository
 * file, or a URL fetched with the auth header). Rows that do not validate are skipped and reported
 * to `problems` as file:line; a system listed twice in the register keeps its first row. A report
 * without a single valid job is refused rather than read as every system missing.
 */
export async function readEvidence(
  settings: BackupCheckSettings,
  root: string,
  problems: SourceProblems,
  fetchImpl?: typeof fetch,
): Promise<Evidence> {
  const registerFile = path.resolve(root, settings.register);
  const register: BackupPolicyEntry[] = [];
  const seen = new Set<string>();
  for await (const { line, ...entry } of readBackupPolicies(registerFile, problems)) {
    if (seen.has(entry.system)) {
      problems.add(new RowProblem(registerFile, line, `${entry.system} is listed twice; the first row is used`));
      continue;
    }
    seen.add(entry.system);
    register.push(entry);
  }
  const jobs: BackupJob[] = [];
  const reportSource = isUrl(settings.report) ? shownUrl(settings.report) : settings.report;
  if (isUrl(settings.report)) {
    const headers = await headerValue(settings, root);
    const rows = await fetchJsonRows(settings.report, { headers, fetch: fetchImpl });
    for (const { line: _line, ...job } of validRows(reportSource, rows, backupJobSchema, problems)) jobs.push(job);
  } else {
    for await (const { line: _line, ...job } of readBackupJobs(path.resolve(root, settings.report), problems)) {
      jobs.push(job);
    }
  }
  // An empty report is far more often a broken export than every backup gone: say so, judge nothing.
  if (jobs.length === 0 && register.length > 0) {
    const why = problems.count ? ` (${problems.count} row(s) skipped, first: ${problems.first[0]})` : '';
    throw new AppError('invalid_input', `${reportSource} lists no valid backup job${why}: check the backup export`);
  }
  return { register, jobs, reportSource };
}
