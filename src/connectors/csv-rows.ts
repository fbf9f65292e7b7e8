import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { CsvError, type Info, Parser } from 'csv-parse';
import { AppError } from '../kernel/errors';
import type { TabularRow } from './tabular';

/**
 * Streams the records of a CSV whose first row names the columns, in batches of the records parsed
 * from each chunk read. Names and values are trimmed and blank lines skipped; nothing else is
 * relaxed, so an unclosed quote or a record with more or fewer fields than the header raises
 * AppError `invalid_input` with `file:line` (after the batches before it).
 */
export async function* csvRowBatches(file: string, input: Readable): AsyncGenerator<TabularRow[], void, undefined> {
  const parser = new CountingParser({
    bom: true,
    columns: headerNames(file),
    // Listed rather than detected, so a file that mixes line endings still splits (and counts) lines right.
    record_delimiter: ['\r\n', '\n', '\r'],
    trim: true,
    skip_empty_lines: true,
  });
  // pipeline destroys both streams when either fails or the reader stops early; a failure then
  // surfaces as an error from iterating the parser, so the callback has nothing left to do.
  pipeline(input, parser, () => {});
  const lines = new LineTracker();
  const row = ({ record, info }: CountedRecord): TabularRow => ({
    line: lines.recordStart(Object.values(record), info),
    row: record,
  });
  try {
    // The iterator waits for the next record; the ones parsed with it are taken at once.
    for await (const first of parser as AsyncIterable<CountedRecord>) {
      const batch = [row(first)];
      for (let next = parser.read(); next !== null; next = parser.read()) batch.push(row(next));
      yield batch;
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    throw new AppError('invalid_input', `${file}:${lines.errorLine(err)}: ${describe(err)}`, { cause: err });
  }
}

type Counts = Pick<Info, 'lines' | 'empty_lines'>;
type CountedRecord = { record: Record<string, string>; info: Counts };

/**
 * A parser that hands out each record with the line counts it was read at, as csv-parse's `info`
 * option does, without that option's copy of every counter for every record (half the parse time).
 */
class CountingParser extends Parser {
  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    const { lines, empty_lines } = this.info;
    return super.push({ record: record as CountedRecord['record'], info: { lines, empty_lines } });
  }
}

/** Column names from the header row; an empty or repeated name would silently lose data, so it is an error. */
const headerNames = (file: string) => (header: string[]) => {
  const names = header.map((name) => name.trim());
  for (const [i, name] of names.entries()) {
    const problem =
      name === ''
        ? `column ${i + 1} of the header has no name`
        : names.indexOf(name) !== i && `"${name}" appears twice`;
    if (problem) throw new AppError('invalid_input', `${file}:1: ${problem}: give every column a unique name`);
  }
  return names;
};

/** Line breaks in the cells, and the CR and LF characters csv-parse counted for them. */
function breaksIn(cells: readonly unknown[]): { breaks: number; counted: number } {
  let breaks = 0;
  let counted = 0;
  for (const cell of cells) {
    if (typeof cell !== 'string' || !/[\r\n]/.test(cell)) continue;
    breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
    counted += cell.match(/[\r\n]/g)?.length ?? 0;
  }
  return { breaks, counted };
}

/**
 * csv-parse reports the line a record ends on, and counts each CR and each LF inside a quoted field
 * as a line of its own (a CRLF in a multi-line cell adds two). This turns its count into the line a
 * record starts on, which is the line a person looks at to fix it.
 */
class LineTracker {
  /** Lines csv-parse has counted so far that are not in the file. */
  private overCount = 0;
  /** The last good record's true end line (the header, until then) and the blank lines skipped by then. */
  private last = { end: 1, emptyLines: 0 };

  recordStart(cells: readonly unknown[], info: Pick<Info, 'lines' | 'empty_lines'>): number {
    const { breaks, counted } = breaksIn(cells);
    this.overCount += counted - breaks;
    const end = info.lines - this.overCount;
    this.last = { end, emptyLines: info.empty_lines };
    return end - breaks;
  }

  errorLine(err: CsvError): number {
    // At end of file, so csv-parse's line is the last one; the broken record starts after the last good one.
    if (err.code === 'CSV_QUOTE_NOT_CLOSED')
      return this.last.end + 1 + (Number(err.empty_lines) - this.last.emptyLines);
    if (Array.isArray(err.record)) {
      return this.recordStart(err.record, { lines: Number(err.lines), empty_lines: Number(err.empty_lines) });
    }
    return Number(err.lines) - this.overCount;
  }
}

function describe(err: CsvError): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'a quoted field is never closed: add the closing quote, and write "" for a quote inside a field';
  }
  // csv-parse's own line numbers can be off (see LineTracker), and the caller has already given the line.
  const message = err.message.replace(/ (?:at|on) line \d+/g, '');
  return err.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
    ? `${message}: every record needs one field per header column; quote fields that contain a comma`
    : message;
}
