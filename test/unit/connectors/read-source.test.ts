import { z } from 'zod';
import { describeIssues, RowProblem, readSource, SourceProblems } from '../../../src/connectors/read-source';
import { collect, fixtureFiles } from './fixture-files';

const files = fixtureFiles();
const schema = z.object({ id: z.string().min(1, 'is required'), size: z.coerce.number().int('must be whole') });

describe('readSource', () => {
  it('yields the rows the schema accepts, with their lines, and reports every other row', async () => {
    const file = files.write(
      'items.jsonl',
      '{"id":"a","size":"1"}\nnot json\n{"id":"","size":"1.5"}\n{"id":"b","size":2}\n',
    );
    const problems = new SourceProblems();
    const rows = await collect(readSource(file, schema, problems));
    expect(rows).toEqual([
      { id: 'a', size: 1, line: 1 },
      { id: 'b', size: 2, line: 4 },
    ]);
    expect(problems.count).toBe(2);
    expect(problems.first.map(String)).toEqual([
      expect.stringMatching(new RegExp(`^${file}:2: not valid JSON: `)),
      `${file}:3: id: is required; size: must be whole`,
    ]);
  });

  it('reports each problem to any sink, as it happens', async () => {
    const file = files.write('items.csv', 'id,size\n,1\nb,x\n');
    const seen: string[] = [];
    const rows = await collect(readSource(file, schema, { add: (p) => seen.push(String(p)) }));
    expect(rows).toEqual([]);
    expect(seen).toEqual([`${file}:2: id: is required`, expect.stringMatching(new RegExp(`^${file}:3: size: `))]);
  });
});

describe('SourceProblems', () => {
  it('counts every problem but keeps only the first 50', () => {
    const problems = new SourceProblems();
    for (let line = 1; line <= 120; line += 1) problems.add(new RowProblem('people.csv', line, 'bad'));
    expect(problems.count).toBe(120);
    expect(problems.first).toHaveLength(50);
    expect(problems.first.at(-1)?.line).toBe(50);
    const text = problems.toString().split('\n');
    expect(text[0]).toBe('people.csv:1: bad');
    expect(text.at(-1)).toBe('… and 70 more');
  });
});

describe('describeIssues', () => {
  it('gives one `field: problem` per issue, nested paths dotted, joined with "; "', () => {
    const nested = z.object({ a: z.object({ b: z.string() }), c: z.number() });
    const result = nested.safeParse({ a: { b: 1 }, c: 'x' });
    expect(describeIssues(result.error?.issues ?? [])).toBe(
      'a.b: Invalid input: expected string, received number; c: Invalid input: expected number, received string',
    );
  });
});
