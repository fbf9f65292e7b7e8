import type { z } from 'zod';
import { readRows } from './tabular';

/** A row that was skipped, and why; `String(problem)` is `file:line: message`, as editors link it. */
export class RowProblem {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly message: string,
  ) {}

  toString(): string {
    return `${this.file}:${this.line}: ${this.message}`;
  }
}

/** Where `readSource` reports skipped rows: a `SourceProblems`, or anything that logs or counts them. */
export interface ProblemSink {
  add(problem: RowProblem): void;
}

/**
 * Counts every skipped row and keeps the first few for the reader; an export with thousands of bad
 * rows usually has one cause, and the first fifty show it without flooding a log or a chat message.
 */
export class SourceProblems implements ProblemSink {
  static readonly KEEP = 50;
  count = 0;
  readonly first: RowProblem[] = [];

  add(problem: RowProblem): void {
    this.count += 1;
    if (this.first.length < SourceProblems.KEEP) this.first.push(problem);
  }

  /** One line per kept problem, then how many more there were. */
  toString(): string {
    const more = this.count - this.first.length;
    return [...this.first.map(String), ...(more > 0 ? [`… and ${more} more`] : [])].join('\n');
  }
}

/** A validated row with the line of the file it starts on. */
export type SourceRow<T> = T & { line: number };

/**
 * Reads `file` (see `readRows` for formats) and yields each row that `schema` accepts, as the
 * schema's output plus its `line`. A row the schema rejects, or that is not an object, is skipped
 * and reported to `problems`; only a file that cannot be read at all throws (AppError).
 */
export async function* readSource<S extends z.ZodType<object>>(
  file: string,
  schema: S,
  problems: ProblemSink,
): AsyncGenerator<SourceRow<z.output<S>>, void, undefined> {
  for await (const item of readRows(file)) {
    if (item.row === null) {
      problems.add(new RowProblem(file, item.line, item.error));
      continue;
    }
    const result = schema.safeParse(item.row);
    if (result.success) yield { ...result.data, line: item.line };
    else problems.add(new RowProblem(file, item.line, describeIssues(result.error.issues)));
  }
}

/** Zod issues as one line, `field: problem` joined with '; '. */
export const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
