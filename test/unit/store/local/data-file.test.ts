import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDataFile } from '../../../../src/store/local/data-file';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-data-file-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

/** Enough lines (with multi-byte text) that some cross the boundaries of the chunks the file is read in. */
const lines = (n: number) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ _id: `d${i}`, name: `Zoë Ångström ${'é'.repeat(i % 50)}` }));
const now = new Date('2026-11-23T09:00:00Z');

describe('checkDataFile', () => {
  it('accepts a large clean file and a missing one', async () => {
    const file = path.join(dir, 'a.db');
    await fs.writeFile(file, `${lines(30_000).join('\n')}\n`);
    expect(await checkDataFile(file, now)).toEqual({ tornBytes: 0 });
    expect(await checkDataFile(path.join(dir, 'missing.db'), now)).toEqual({ tornBytes: 0 });
  });

  it('cuts a torn last line byte-exactly and keeps it aside', async () => {
    const file = path.join(dir, 'a.db');
    const clean = `${lines(30_000).join('\n')}\n`;
    const torn = '{"_id":"half","name":"Zoë';
    await fs.writeFile(file, clean + torn);
    expect(await checkDataFile(file, now)).toEqual({ tornBytes: Buffer.byteLength(torn) });
    expect(await fs.readFile(file, 'utf8')).toBe(clean);
    expect(await fs.readFile(path.join(dir, 'a.db.torn-2026-11-23T090000.000Z'), 'utf8')).toBe(torn);
  });

  it('keeps an unterminated last line that is a whole record', async () => {
    const file = path.join(dir, 'a.db');
    await fs.writeFile(file, lines(3).join('\n'));
    expect(await checkDataFile(file, now)).toEqual({ tornBytes: 0 });
  });

  it('refuses a damaged line anywhere else, naming its line', async () => {
    const file = path.join(dir, 'a.db');
    const all = lines(30_000);
    all[25_000] = '{"_id":"broken",';
    await fs.writeFile(file, `${all.join('\n')}\n`);
    await expect(checkDataFile(file, now)).rejects.toMatchObject({ code: 'store_corrupt' });
    await expect(checkDataFile(file, now)).rejects.toThrow(`${file}:25001:`);
  });
});
