import path from 'node:path';
import { readPeople } from '../../../src/connectors/directory';
import { readEntitlements } from '../../../src/connectors/entitlements';
import { SourceProblems } from '../../../src/connectors/read-source';
import { readSystems } from '../../../src/connectors/systems';
import { collect } from './fixture-files';

const SAMPLES = path.resolve(__dirname, '../../../data/samples');

describe('the shipped samples', () => {
  // A missing sample file fails here with `not_found`: the demo needs all three.
  it('read without a single problem', async () => {
    const problems = new SourceProblems();
    const people = await collect(readPeople(path.join(SAMPLES, 'people.csv'), problems));
    const entitlements = await collect(readEntitlements(path.join(SAMPLES, 'entitlements.csv'), problems));
    const systems = await collect(readSystems(path.join(SAMPLES, 'systems.csv'), problems));
    expect(problems.first.map(String)).toEqual([]);
    expect(problems.count).toBe(0);
    expect(Math.min(people.length, entitlements.length, systems.length)).toBeGreaterThan(0);
  });
});
