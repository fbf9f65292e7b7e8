import { SourceProblems } from '../../../src/connectors/read-source';
import { readSystems } from '../../../src/connectors/systems';
import { collect, fixtureFiles } from './fixture-files';

const files = fixtureFiles();

describe('readSystems', () => {
  it('reads systems with an optional owner and description, and rejects a system that is not a slug', async () => {
    const file = files.write(
      'systems.csv',
      [
        'system,name,owner,description',
        'aws-prod,AWS production,p1,Customer workloads',
        'github,GitHub,,',
        'Google Workspace,Google Workspace,p2,',
        ',Nameless,p2,',
      ].join('\n'),
    );
    const problems = new SourceProblems();
    const systems = await collect(readSystems(file, problems));
    expect(systems).toEqual([
      { system: 'aws-prod', name: 'AWS production', owner: 'p1', description: 'Customer workloads', line: 2 },
      { system: 'github', name: 'GitHub', owner: null, line: 3 },
    ]);
    expect(systems[1]).not.toHaveProperty('description');
    expect(problems.first.map(String)).toEqual([
      `${file}:4: system: must be a slug of lower-case letters and digits joined by - or _ (e.g. aws-prod), got "Google Workspace"`,
      `${file}:5: system: is required`,
    ]);
  });
});
