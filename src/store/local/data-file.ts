import { createReadStream, promises as fs } from 'node:fs';
import { AppError } from '../../kernel/errors';

const NEWLINE = 0x0a;

/**
 * Checks an NeDB data file before it is loaded. NeDB appends one JSON line per write, so a process
 * killed mid-write can leave a torn last line (no trailing newline): that write was never
 * acknowledged, so it is moved aside to `<file>.torn-<time>` and cut off. Any other unreadable
 * line is corruption: loading stops with the file and line named, rather than dropping data.
 * The file is read as a stream, so checking a large store holds one chunk in memory, not the file.
 */
export async function checkDataFile(file: string, now: Date = new Date()): Promise<{ tornBytes: number }> {
  let pending: Buffer = Buffer.alloc(0);
  let line = 0;
  /** Bytes up to the end of the last complete (newline-terminated) line. */
  let complete = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      const data = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      let start = 0;
      for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
        line += 1;
        const text = data.toString('utf8', start, end);
        if (text !== '' && !parses(text)) throw corrupt(file, line);
        complete += end - start + 1;
        start = end + 1;
      }
      pending = data.subarray(start);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { tornBytes: 0 };
    throw err;
  }
  if (pending.length === 0 || parses(pending.toString('utf8'))) return { tornBytes: 0 };
  return cutTornTail(file, pending, complete, now);
}

const corrupt = (file: string, line: number) =>
  new AppError(
    'store_corrupt',
    `${file}:${line}: this record of the embedded store cannot be read. Nothing was changed. Restore the file from a backup, or move the damaged line out of it after checking what it held, then start again.`,
  );

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

async function cutTornTail(file: string, torn: Buffer, keep: number, now: Date): Promise<{ tornBytes: number }> {
  await fs.writeFile(`${file}.torn-${now.toISOString().replaceAll(':', '')}`, torn);
  await fs.truncate(file, keep);
  return { tornBytes: torn.length };
}
