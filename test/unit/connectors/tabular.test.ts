import { readRows } from '../../../src/connectors/tabular';
import { AppError } from '../../../src/kernel/errors';
import { collect, failureOf, fixtureFiles } from './fixture-files';

const files = fixtureFiles();

describe('readRows: CSV', () => {
  it('names columns from the trimmed header and gives each record the line it starts on', async () => {
    const file = files.write(
      'people.csv',
      [' id , name ', 'p1, Ann ', '', 'p2,"Bob', 'Multi"', 'p3,Cy', ''].join('\n'),
    );
    expect(await collect(readRows(file))).toEqual([
      { line: 2, row: { id: 'p1', name: 'Ann' } },
      { line: 4, row: { id: 'p2', name: 'Bob\nMulti' } },
      { line: 6, row: { id: 'p3', name: 'Cy' } },
    ]);
  });

  it('keeps line numbers right with CRLF inside quoted cells, mixed line endings and a BOM', async () => {
    const file = files.write('crlf.csv', '\ufeffid,note\r\np1,"a\r\nb\r\nc"\r\np2,x\np3,"y\nz"\r\np4,w');
    const rows = await collect(readRows(file));
    expect(rows.map((r) => [r.line, r.row?.['id']])).toEqual([
      [2, 'p1'],
      [5, 'p2'],
      [6, 'p3'],
      [8, 'p4'],
    ]);
    expect(rows[0]?.row).toEqual({ id: 'p1', note: 'a\r\nb\r\nc' });
  });

  it('rejects an unclosed quote, naming the file and the line the broken record starts on', async () => {
    const file = files.write('open-quote.csv', 'id,name\np1,Ann\n\np2,"Bob\np3,Cy\n');
    const err = await failureOf(readRows(file));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(new RegExp(`^${file}:4: a quoted field is never closed`));
  });

  it('rejects a record with more fields than the header, naming its line', async () => {
    const file = files.write('wide.csv', 'id,name\np1,Ann\np2,Bob,extra\n');
    const err = await failureOf(readRows(file));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(new RegExp(`^${file}:3: Invalid Record Length: columns length is 2, got 3`));
    expect(err.message).toContain('quote fields that contain a comma');
  });

  it('rejects a header with a repeated or empty column name', async () => {
    const twice = files.write('twice.csv', 'id,name,id\np1,Ann,p2\n');
    expect((await failureOf(readRows(twice))).message).toBe(
      `${twice}:1: "id" appears twice: give every column a unique name`,
    );
    const unnamed = files.write('unnamed.csv', 'id,,name\np1,x,Ann\n');
    expect((await failureOf(readRows(unnamed))).message).toMatch(/:1: column 2 of the header has no name/);
  });
});

describe('readRows: JSON Lines', () => {
  it('yields one object per line, skips blank lines and reports a bad line without stopping', async () => {
    const file = files.write('people.jsonl', '{"id":"p1"}\n\n{"id": oops}\n[1,2]\r\n{"id":"p2","roles":["a"]}\n');
    const rows = await collect(readRows(file));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ line: 1, row: { id: 'p1' } });
    expect(rows[1]).toMatchObject({
      line: 3,
      row: null,
      error: expect.stringMatching(/^not valid JSON: Unexpected token/),
    });
    expect(rows[2]).toEqual({ line: 4, row: null, error: 'not a JSON object' });
    expect(rows[3]).toEqual({ line: 5, row: { id: 'p2', roles: ['a'] } });
  });

  it('reads .ndjson the same way', async () => {
    const file = files.write('people.ndjson', '{"id":"p1"}\n{"id":"p2"}');
    expect((await collect(readRows(file))).map((r) => r.line)).toEqual([1, 2]);
  });
});

describe('readRows: JSON', () => {
  it('yields the elements of a top-level array with the line each starts on', async () => {
    const file = files.write('people.json', JSON.stringify([{ id: 'p1' }, 'nope', { id: 'p2' }], null, 2));
    expect(await collect(readRows(file))).toEqual([
      { line: 2, row: { id: 'p1' } },
      { line: 5, row: null, error: 'not a JSON object' },
      { line: 6, row: { id: 'p2' } },
    ]);
  });

  it('reads the one array property of a wrapper object', async () => {
    const file = files.write(
      'people.json',
      '{"exportedAt": "2024-05-01",\n "people": [\n  {"id": "p1"},\n  {"id": "p2"}]}',
    );
    expect(await collect(readRows(file))).toEqual([
      { line: 3, row: { id: 'p1' } },
      { line: 4, row: { id: 'p2' } },
    ]);
  });

  it('rejects invalid JSON with the line of the error, and JSON that holds no rows', async () => {
    const broken = files.write('broken.json', '[\n  {"id": "p1"},\n  {"id": p2}\n]');
    const err = await failureOf(readRows(broken));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe(`${broken}:3: not valid JSON: Unexpected token 'p'`);
    const two = files.write('two.json', '{"people": [], "systems": []}');
    expect((await failureOf(readRows(two))).message).toMatch(
      /expected a JSON array of objects, or an object with one array/,
    );
  });
});

describe('readRows: files', () => {
  it('says which file is missing, and which formats it reads', async () => {
    const missing = files.path('nowhere.csv');
    const notFound = await failureOf(readRows(missing));
    expect([notFound.code, notFound.message]).toEqual(['not_found', `${missing}: no such file`]);
    const xlsx = files.write('people.xlsx', 'binary');
    const unsupported = await failureOf(readRows(xlsx));
    expect([unsupported.code, unsupported.message]).toEqual([
      'invalid_input',
      `${xlsx}: unsupported format, use .csv, .json or .jsonl`,
    ]);
  });

  it('can be stopped early and read again', async () => {
    const file = files.write('people.csv', 'id\np1\np2\np3\n');
    for await (const first of readRows(file)) {
      expect(first.row?.['id']).toBe('p1');
      break;
    }
    expect(await collect(readRows(file))).toHaveLength(3);
  });
});
