import { promises as fs } from 'node:fs';
import { AppError } from '../../kernel/errors';

/**
 * Checks an NeDB data file before it is loaded. NeDB appends one JSON line per write, so a process
 * killed mid-write can leave a torn last line (no trailing newline): that write was never
 * acknowledged, so it is moved aside to `<file>.torn-<time>` and cut off. Any other unreadable
 * line is corruption: loading stops with the file and line named, rather than dropping data.
 */
export async function checkDataFile(file: string, now: Date = new Date()): Promise<{ tornBytes: number }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { tornBytes: 0 };
    throw err;
  }
  const lines = text.split('\n');
  const endsClean = text.length === 0 || text.endsWith('\n');
  const lastIndex = endsClean ? lines.length - 2 : lines.length - 1;
  for (let i = 0; i <= lastIndex; i++) {
    const line = lines[i] as string;
    if (line === '' || parses(line)) continue;
    if (i === lastIndex && !endsClean) return cutTornTail(file, text, line, now);
    throw new AppError(
      'store_corrupt',
      `${file}:${i + 1}: this record of the embedded store cannot be read. Nothing was changed. Restore the file from a backup, or move the damaged line out of it after checking what it held, then start again.`,
    );
  }
  return { tornBytes: 0 };
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

async function cutTornTail(file: string, text: string, torn: string, now: Date): Promise<{ tornBytes: number }> {
  const tornBytes = Buffer.byteLength(torn);
  await fs.writeFile(`${file}.torn-${now.toISOString().replaceAll(':', '')}`, torn);
  await fs.truncate(file, Buffer.byteLength(text) - tornBytes);
  return { tornBytes };
}
