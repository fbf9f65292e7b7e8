import type { z } from 'zod';
import { AppError } from '../kernel/errors';
import { jsonRows } from './json-rows';
import { describeIssues, type ProblemSink, RowProblem, type SourceRow } from './read-source';
import type { TabularRow } from './tabular';

export interface HttpJsonOptions {
  /** Extra request headers (an Authorization header, say); their values never appear in errors. */
  headers?: Record<string, string>;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The URL as it may appear in messages and logs: no user info, no query string (either may hold a token). */
export const shownUrl = (url: string) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
};

/**
 * GETs `url` and returns the rows of the JSON body, which is shaped like a JSON source file (an
 * array of objects, or an object with one array property). Line numbers refer to the body.
 * Throws AppError naming the URL and what to check when the server refuses or cannot be reached.
 */
export async function fetchJsonRows(url: string, options: HttpJsonOptions = {}): Promise<TabularRow[]> {
  const shown = shownUrl(url);
  const doFetch = options.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      headers: { accept: 'application/json', ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (err) {
    throw new AppError('not_found', `${shown}: cannot be reached (${(err as Error).message}); check the URL`, {
      cause: err,
    });
  }
  const body = await res.text();
  if (res.status === 401 || res.status === 403) {
    throw new AppError(
      'forbidden',
      `${shown}: the server refused the request (HTTP ${res.status}); check the auth header and its value file`,
    );
  }
  if (!res.ok)
    throw new AppError('not_found', `${shown}: HTTP ${res.status}; check the URL and that the service is up`);
  return [...jsonRows(shown, body)];
}

/** Validates rows already read (e.g. from an HTTP body) as `readSource` does a file's: bad rows go to `problems`. */
export function* validRows<S extends z.ZodType<object>>(
  source: string,
  rows: Iterable<TabularRow>,
  schema: S,
  problems: ProblemSink,
): Generator<SourceRow<z.output<S>>> {
  for (const item of rows) {
    if (item.row === null) {
      problems.add(new RowProblem(source, item.line, item.error));
      continue;
    }
    const result = schema.safeParse(item.row);
    if (result.success) yield { ...result.data, line: item.line };
    else problems.add(new RowProblem(source, item.line, describeIssues(result.error.issues)));
  }
}
