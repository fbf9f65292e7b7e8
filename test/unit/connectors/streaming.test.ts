import { readRows } from '../../../src/connectors/tabular';
import { fixtureFiles } from './fixture-files';

const files = fixtureFiles();
const peopleCsv = (rows: number, line: (i: number) => string) =>
  ['id,name,email,manager,department,status,roles', ...Array.from({ length: rows }, (_, i) => line(i)), ''].join('\n');
const person = (i: number) => `p${i},Person ${i},p${i}@example.com,p0,Eng,active,a;b`;

describe('streaming', () => {
  it('reads all 200,000 rows of a large CSV export, each with its line', async () => {
    const rows = 200_000;
    const file = files.write('people.csv', peopleCsv(rows, person));
    let count = 0;
    let first: unknown;
    let last: unknown;
    for await (const item of readRows(file)) {
      count += 1;
      first ??= item;
      last = item;
    }
    expect(count).toBe(rows);
    expect(first).toMatchObject({ line: 2, row: { id: 'p0', roles: 'a;b' } });
    expect(last).toMatchObject({ line: rows + 1, row: { id: `p${rows - 1}`, email: `p${rows - 1}@example.com` } });
    // A correctness test over a large file, not a timing one: a loaded CI machine must not fail it.
  }, 120_000);

  it('yields rows as it reads, before it reaches a broken record near the end', async () => {
    // A reader that parsed the whole file first would throw before yielding anything.
    const rows = 20_000;
    const broken = rows - 10;
    const file = files.write(
      'people.csv',
      peopleCsv(rows, (i) => (i === broken ? `${person(i)},extra` : person(i))),
    );
    let yielded = 0;
    const err = await (async () => {
      for await (const _ of readRows(file)) yielded += 1;
    })().catch((e: Error) => e);
    // Records csv-parse had buffered when it failed are dropped with the stream; the read is over anyway.
    expect(yielded).toBeGreaterThan(rows / 2);
    expect(yielded).toBeLessThanOrEqual(broken);
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`${file}:${broken + 2}: `) });
  });
});
