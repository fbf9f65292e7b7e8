import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadExamples } from '../../../src/catalog/examples';
import { loadCatalog } from '../../../src/catalog/load-catalog';
import { loadPolicies } from '../../../src/catalog/policy';

const ROOT = path.resolve(__dirname, '../../..');
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-catalog-'));
  await fs.mkdir(path.join(dir, 'controls'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }));

const problemsOf = async (promise: Promise<unknown>) => {
  const err = (await promise.catch((e) => e)) as { details?: string[] };
  return err.details ?? [];
};

describe('catalog validation', () => {
  it('names file and line for each bad field, and a YAML syntax error', async () => {
    const good = await fs.readFile(path.join(ROOT, 'data/catalog/controls/10-cryptography.yaml'), 'utf8');
    const broken = good
      .replace('cloudGuidance: at_least_csc', 'cloudGuidance: sometimes')
      .replace(/evidence:\n(\s+- .*\n)+/, 'evidence: []\n');
    await fs.writeFile(path.join(dir, 'controls/10.yaml'), broken);
    await fs.writeFile(path.join(dir, 'controls/99.yaml'), 'clause: "99"\ntitle: x\n  objectives: [\n');
    const problems = await problemsOf(loadCatalog(dir));
    const lineOf = (needle: string) => broken.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`10\\.yaml:${lineOf('cloudGuidance: sometimes')}: cloudGuidance: `)),
        expect.stringMatching(new RegExp(`10\\.yaml:${lineOf('evidence: []')}: evidence: evidence needs 3 to 6 items`)),
        expect.stringMatching(/99\.yaml:\d+: /),
      ]),
    );
  });

  it('reports a control defined twice with both places', async () => {
    const good = await fs.readFile(path.join(ROOT, 'data/catalog/controls/10-cryptography.yaml'), 'utf8');
    await fs.writeFile(path.join(dir, 'controls/a.yaml'), good);
    await fs.writeFile(path.join(dir, 'controls/b.yaml'), good);
    expect((await problemsOf(loadCatalog(dir))).join('\n')).toMatch(
      /b\.yaml:\d+: 10\.1\.1 is defined twice \(first at .*a\.yaml:\d+\)/,
    );
  });

  it('checks policies: fields with file:line, and linked controls against the catalog', async () => {
    const catalog = await loadCatalog();
    await fs.writeFile(
      path.join(dir, 'pol-x.yaml'),
      'id: pol-x\ntitle: X\nowner: nobody\nlastReviewed: 2026-13-40\ncontrols: ["9.2.5", "42.1.1"]\ntext: Short but long enough to be a policy text.\n',
    );
    const problems = await problemsOf(loadPolicies(catalog, dir));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/pol-x\.yaml:3: owner: owner must be an email/),
        expect.stringMatching(/pol-x\.yaml:4: lastReviewed/),
      ]),
    );
    await fs.writeFile(
      path.join(dir, 'pol-x.yaml'),
      'id: pol-x\ntitle: X\nowner: a@b.c\nlastReviewed: 2026-01-02\ncontrols: ["9.2.5", "42.1.1"]\ntext: Short but long enough to be a policy text.\n',
    );
    expect(await problemsOf(loadPolicies(catalog, dir))).toEqual([
      expect.stringMatching(/pol-x\.yaml:5: controls: unknown control 42\.1\.1/),
    ]);
  });

  it('checks example messages: unknown or non-canonical ids, empty lists and repeats, each with file:line', async () => {
    const catalog = await loadCatalog();
    await fs.writeFile(
      path.join(dir, 'a.yaml'),
      '"9.2.6":\n  - "a leaver still has GitHub access"\nout-of-scope:\n  - "what is for lunch?"\n"42.1.1":\n  - "nothing here"\n"A.9.2.1":\n  - "new starter account"\n"10.1.1": []\n',
    );
    await fs.writeFile(path.join(dir, 'b.yaml'), '# comment\n"9.2.6":\n  - "removing access of leavers"\n  - ""\n');
    expect(await problemsOf(loadExamples(catalog, dir))).toEqual([
      expect.stringMatching(/a\.yaml:5: no control "42\.1\.1" in the catalog/),
      expect.stringMatching(/a\.yaml:7: write the control id as 9\.2\.1/),
      expect.stringMatching(/a\.yaml:9: give at least one example or leave the id out/),
      expect.stringMatching(/b\.yaml:4: an example needs a few words/),
    ]);
    await fs.writeFile(
      path.join(dir, 'a.yaml'),
      '"9.2.6":\n  - "a leaver still has GitHub access"\nout-of-scope:\n  - "lunch?"\n',
    );
    await fs.writeFile(path.join(dir, 'b.yaml'), '"9.2.6":\n  - "removing access of leavers"\n');
    expect(await problemsOf(loadExamples(catalog, dir))).toEqual([
      expect.stringMatching(/b\.yaml:1: examples for 9\.2\.6 are already given in .*a\.yaml/),
    ]);
    await fs.rm(path.join(dir, 'b.yaml'));
    const examples = await loadExamples(catalog, dir);
    expect([...examples.byControl]).toEqual([['9.2.6', ['a leaver still has GitHub access']]]);
    expect(examples.outOfScope).toEqual(['lunch?']);
    expect((await loadExamples(catalog, path.join(dir, 'missing'))).byControl.size).toBe(0);
  });
});
