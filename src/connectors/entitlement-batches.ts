import type { Entitlement } from './entitlements';
import { type ProblemSink, RowProblem, type SourceRow } from './read-source';

/**
 * The messages between the entitlements thread and its reader. Rows and row problems travel in
 * file order as JSON text: one string per batch clones far faster than a thousand objects.
 */
export type ThreadMessage =
  | { kind: 'batch'; json: string }
  | { kind: 'end' }
  | { kind: 'failed'; code: string | undefined; message: string };

/** A row: line, account, person, system, role, privileged (1/0), last login (epoch ms or null). */
type RowEntry = [number, string, string | null, string, string, 0 | 1, number | null];
/** A skipped row: line and why. */
type ProblemEntry = [number, string];

/** Collects rows and problems, in the order they come, into one batch. */
export class BatchEncoder implements ProblemSink {
  private entries: (RowEntry | ProblemEntry)[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(problem: RowProblem): void {
    this.entries.push([problem.line, problem.message]);
  }

  row(e: SourceRow<Entitlement>): void {
    const login = e.lastLogin === null ? null : e.lastLogin.getTime();
    this.entries.push([e.line, e.account, e.person, e.system, e.role, e.privileged ? 1 : 0, login]);
  }

  /** The batch as JSON, and a fresh start. */
  take(): string {
    const json = JSON.stringify(this.entries);
    this.entries = [];
    return json;
  }
}

/** The rows of a batch in order, each problem before it reported to `problems` (with `file`). */
export function* decodeBatch(json: string, file: string, problems: ProblemSink): Generator<SourceRow<Entitlement>> {
  for (const entry of JSON.parse(json) as (RowEntry | ProblemEntry)[]) {
    if (entry.length === 2) {
      problems.add(new RowProblem(file, entry[0], entry[1]));
      continue;
    }
    const [line, account, person, system, role, privileged, login] = entry;
    yield {
      account,
      person,
      system,
      role,
      privileged: privileged === 1,
      lastLogin: login === null ? null : new Date(login),
      line,
    };
  }
}
