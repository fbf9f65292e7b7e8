import { readPeople } from '../../../src/connectors/directory';
import { SourceProblems } from '../../../src/connectors/read-source';
import { collect, fixtureFiles } from './fixture-files';

const files = fixtureFiles();
const HEADER = 'id,name,email,manager,department,status,roles';
const ann = {
  id: 'p1',
  name: 'Ann Lee',
  email: 'ann@example.com',
  manager: null,
  department: 'Engineering',
  status: 'active',
  roles: ['admin', 'dev'],
};
const bob = {
  id: 'p2',
  name: 'Bob Ng',
  email: 'bob@example.com',
  manager: 'p1',
  department: null,
  status: 'terminated',
  roles: [],
};

async function read(file: string) {
  const problems = new SourceProblems();
  const people = await collect(readPeople(file, problems));
  return { people, problems: problems.first.map(String), count: problems.count };
}

describe('readPeople', () => {
  it('reads the same people from CSV, JSON and JSON Lines', async () => {
    const csv = files.write(
      'people.csv',
      `${HEADER}\np1,Ann Lee, Ann@Example.COM ,,Engineering,Active,admin;dev\np2,Bob Ng,bob@example.com,p1,,TERMINATED,\n`,
    );
    const asJson = [
      { ...ann, email: 'ANN@example.com', roles: ['admin', 'dev'] },
      { ...bob, manager: 'p1', department: '', roles: [] },
    ];
    const json = files.write('people.json', JSON.stringify({ people: asJson }, null, 2));
    const jsonl = files.write('people.jsonl', asJson.map((p) => JSON.stringify(p)).join('\n'));

    expect(await read(csv)).toEqual({
      people: [
        { ...ann, line: 2 },
        { ...bob, line: 3 },
      ],
      problems: [],
      count: 0,
    });
    expect((await read(json)).people).toEqual([
      { ...ann, line: 3 },
      { ...bob, line: 15 },
    ]);
    expect(await read(jsonl)).toEqual({
      people: [
        { ...ann, line: 1 },
        { ...bob, line: 2 },
      ],
      problems: [],
      count: 0,
    });
  });

  it('skips a bad email on line 3 and a bad status on line 5, and yields the other rows', async () => {
    const file = files.write(
      'people.csv',
      [
        HEADER,
        'p1,Ann,ann@example.com,,,active,',
        'p2,Bob,bob-at-example.com,p1,,active,',
        'p3,Cy,cy@example.com,p1,,active,',
        'p4,Di,di@example.com,p1,,on leave,',
        'p5,Ed,ed@example.com,p1,,terminated,',
      ].join('\n'),
    );
    const { people, problems, count } = await read(file);
    expect(people.map((p) => [p.id, p.line])).toEqual([
      ['p1', 2],
      ['p3', 4],
      ['p5', 6],
    ]);
    expect(count).toBe(2);
    expect(problems).toEqual([
      `${file}:3: email: is not a valid email address`,
      `${file}:5: status: must be active or terminated, got "on leave"`,
    ]);
  });

  it('reads roles from "a;b", a JSON array, or JSON text in a cell; blank is none', async () => {
    const file = files.write(
      'people.csv',
      `${HEADER}\n${['" admin ; ;dev "', '', '"[""ops"",""audit""]"', 'solo', '"[1,2]"']
        .map((roles, i) => `p${i},N,p${i}@example.com,,,active,${roles}`)
        .join('\n')}\n`,
    );
    const { people, problems } = await read(file);
    expect(people.map((p) => p.roles)).toEqual([['admin', 'dev'], [], ['ops', 'audit'], ['solo']]);
    expect(problems).toEqual([
      `${file}:6: roles: must be names separated by ";" or a JSON array of strings, got "[1,2]"`,
    ]);
  });

  it('names every missing required field of a row in one problem', async () => {
    const file = files.write('people.jsonl', '{"id":"p1"}\n');
    expect((await read(file)).problems).toEqual([
      `${file}:1: name: is required; email: is required; status: must be active or terminated, got nothing`,
    ]);
  });
});
