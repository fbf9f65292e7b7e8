import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp directory per test; `write` puts a fixture file in it and returns its path. */
export function fixtureFiles(): { write(name: string, content: string): string; path(name: string): string } {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-connectors-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
    path: (name) => path.join(dir, name),
  };
}

export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** The error an async iteration ends with (fails the test if it ends without one). */
export async function failureOf(rows: AsyncIterable<unknown>): Promise<Error & { code?: string }> {
  try {
    await collect(rows);
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected the read to fail');
}
