import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../kernel/errors';
import { csvRowBatches } from './csv-rows';
import { jsonlRows, jsonRows } from './json-rows';

/**
 * One record of a tabular file, as read, before any validation. CSV cells are strings; JSON values
 * keep their JSON type (a `roles` array stays an array), so this is wider than a flat cell map.
 */
export type RawRow = Record<string, unknown>;

/**
 * What `readRows` yields: a record with the 1-based line it starts on, or, for a record that cannot
 * even be read as an object (a JSONL line that is not JSON), the line and why. The second kind is a
 * row problem for the caller to report; it does not stop the read.
 */
export type TabularRow = { line: number; row: RawRow; error?: undefined } | { line: number; row: null; error: string };

const FORMATS = { '.csv': 'csv', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl' } as const;

/**
 * Reads the records of a `.csv` (header row names the columns), `.json` (an array of objects, or an
 * object holding one such array) or `.jsonl`/`.ndjson` (one object per line) file, in file order.
 * CSV and JSONL are streamed, so a large export never sits in memory whole; JSON is read whole.
 * Throws AppError `not_found` for a missing file, and `invalid_input` for an unknown extension or a
 * file whose structure is broken (an unclosed CSV quote, a JSON syntax error), naming `file:line`,
 * after the records before the break. Records come in batches: those read from one chunk of the file.
 */
export async function* readRowBatches(file: string): AsyncGenerator<TabularRow[], void, undefined> {
  const format = FORMATS[path.extname(file).toLowerCase() as keyof typeof FORMATS];
  if (!format) throw new AppError('invalid_input', `${file}: unsupported format, use .csv, .json or .jsonl`);
  const handle = await openFile(file);
  // Closed in `finally`, also when the caller stops iterating early.
  const input = format === 'json' ? undefined : handle.createReadStream({ autoClose: false });
  try {
    if (input === undefined) yield [...jsonRows(file, await handle.readFile('utf8'))];
    else if (format === 'csv') yield* csvRowBatches(file, input);
    else for await (const row of jsonlRows(input)) yield [row];
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('invalid_input', `${file}: cannot be read: ${(err as Error).message}`, { cause: err });
  } finally {
    input?.destroy();
    await handle.close();
  }
}

/** `readRowBatches`, a record at a time. */
export async function* readRows(file: string): AsyncGenerator<TabularRow, void, undefined> {
  for await (const batch of readRowBatches(file)) yield* batch;
}

async function openFile(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('not_found', `${file}: no such file`, { cause: err });
    }
    throw new AppError('invalid_input', `${file}: cannot be opened: ${(err as Error).message}`, { cause: err });
  }
}
