import type { z } from 'zod';
import { Invalid } from './field-values';
import { type RawRow, readRowBatches, type TabularRow } from './tabular';

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

/** A row's value, or why the row is skipped. */
export type RowCheck<T> = (row: RawRow) => T | Invalid;

/** `schema` as a RowCheck: its output, or its issues as one line. */
export const schemaCheck =
  <S extends z.ZodType>(schema: S): RowCheck<z.output<S>> =>
  (row) => {
    const result = schema.safeParse(row);
    return result.success ? result.data : new Invalid(describeIssues(result.error.issues));
  };

/**
 * Reads `file` (see `readRows` for formats) and yields each row that `check` accepts, as its value
 * plus its `line`. A row `check` rejects, or that is not an object, is skipped and reported to
 * `problems`; only a file that cannot be read at all throws (AppError).
 */
export async function* readChecked<T extends object>(
  file: string,
  check: RowCheck<T>,
  problems: ProblemSink,
): AsyncGenerator<SourceRow<T>, void, undefined> {
  for await (const batch of readRowBatches(file)) {
    for (const item of batch) {
      const row = checkedRow(file, item, check);
      if (row instanceof RowProblem) problems.add(row);
      else yield row;
    }
  }
}

/** One record read: its value with its line, or the problem that has it skipped. */
export function checkedRow<T extends object>(
  file: string,
  item: TabularRow,
  check: RowCheck<T>,
): SourceRow<T> | RowProblem {
  if (item.row === null) return new RowProblem(file, item.line, item.error);
  const value = check(item.row);
  return value instanceof Invalid ? new RowProblem(file, item.line, value.message) : { ...value, line: item.line };
}

/** `readChecked` with a zod schema: rows it rejects are reported with its issues (`field: problem`). */
export const readSource = <S extends z.ZodType<object>>(
  file: string,
  schema: S,
  problems: ProblemSink,
): AsyncGenerator<SourceRow<z.output<S>>, void, undefined> => readChecked(file, schemaCheck(schema), problems);

/** Zod issues as one line, `field: problem` joined with '; '. */
export const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
