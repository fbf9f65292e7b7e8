import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalog } from '../../../src/catalog/control';
import { loadCatalog } from '../../../src/catalog/load-catalog';
import { isAppError } from '../../../src/kernel/errors';
import { loadWorkflows, loadWorkflowsOrThrow } from '../../../src/workflows/load-workflows';

const ACCESS_REVIEW = `# a comment line
name: access-review
kind: access-review
schedule: "0 9 1 1,4,7,10 *"
timezone: Europe/Berlin
controls:
  - 9.2.5
  - A.9.2.3
accessReview:
  sources:
    people: data/people.csv
    entitlements: data/entitlements.csv
    systems: data/systems.csv
  reviewer: manager
  fallbackReviewer: p-ada
`;
const DIGEST =
  'name: digest\nkind: digest\nschedule: "0 9 * * 1"\ntimezone: UTC\ncontrols: ["18.2.2"]\ndigest:\n  period: weekly\n';

let catalog: Catalog;
let root: string;
let dir: string;
beforeAll(async () => {
  catalog = await loadCatalog();
});
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-workflows-'));
  dir = path.join(root, 'workflows');
  await fs.mkdir(path.join(root, 'data'), { recursive: true });
  await fs.mkdir(dir);
  for (const f of ['people', 'entitlements', 'systems']) await fs.writeFile(path.join(root, `data/${f}.csv`), 'id\n');
});
afterEach(() => fs.rm(root, { recursive: true, force: true, maxRetries: 5 }));

const write = (name: string, text: string) => fs.writeFile(path.join(dir, name), text);
const load = () => loadWorkflows({ dir, root, catalog });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** One problem of `file`, with its line. */
const problem = (file: string, line: number, message: string | RegExp) =>
  expect.stringMatching(
    new RegExp(`(^|/)${file.replace('.', '\\.')}:${line}: ${typeof message === 'string' ? message : message.source}`),
  );

describe('loadWorkflows', () => {
  it('loads valid definitions with normalised control ids', async () => {
    await write('access-review.yml', ACCESS_REVIEW);
    await write('digest.yaml', DIGEST);
    await write('notes.txt', 'not a workflow');
    const { workflows, problems } = await load();
    expect(problems).toEqual([]);
    expect(workflows.map((w) => [w.name, w.controls])).toEqual([
      ['access-review', ['9.2.5', '9.2.3']],
      ['digest', ['18.2.2']],
    ]);
  });

  it('names the line of an unknown key, a bad schedule, a bad time zone and an unknown control', async () => {
    const text = ACCESS_REVIEW.replace('"0 9 1 1,4,7,10 *"', '"0 9 1 1,4,7,10"')
      .replace('Europe/Berlin', 'Europe/Berln')
      .replace('A.9.2.3', '9.9.9')
      .replace('  reviewer: manager', '  reviewer: manager\n  reveiwers: 2');
    await write('access-review.yml', text);
    const { workflows, problems } = await load();
    expect(workflows).toEqual([]);
    expect(problems).toEqual([
      problem('access-review.yml', lineOf(text, 'schedule:'), /schedule: "0 9 1 1,4,7,10" has 4 field/),
      problem('access-review.yml', lineOf(text, 'timezone:'), /timezone: unknown time zone "Europe\/Berln"/),
      problem('access-review.yml', lineOf(text, '9.9.9'), /controls\.1: unknown control "9\.9\.9"/),
      problem('access-review.yml', lineOf(text, 'reveiwers'), /accessReview\.reveiwers: unknown key/),
    ]);
  });

  it('wants the settings block of the kind, and says which one', async () => {
    const text = DIGEST.replace('digest:\n', 'backupCheck:\n');
    await write('digest.yml', text);
    expect((await load()).problems).toEqual([
      problem('digest.yml', 1, 'digest: kind digest needs its settings under digest:'),
      problem(
        'digest.yml',
        lineOf(text, 'backupCheck'),
        'backupCheck: kind digest takes its settings under digest:, not backupCheck:',
      ),
    ]);
  });

  it('says which required keys are missing', async () => {
    await write('bare.yml', 'name: bare\nkind: digest\ndigest:\n  period: daily\n');
    expect((await load()).problems).toEqual(
      ['schedule', 'timezone', 'controls'].map((key) => problem('bare.yml', 1, `${key}: is required`)),
    );
  });

  it('reports a missing source file at the line that names it', async () => {
    await fs.rm(path.join(root, 'data/entitlements.csv'));
    await write('access-review.yml', ACCESS_REVIEW);
    const { workflows, problems } = await load();
    expect(workflows).toEqual([]);
    expect(problems).toEqual([
      problem(
        'access-review.yml',
        lineOf(ACCESS_REVIEW, 'entitlements:'),
        'source file data/entitlements.csv does not exist',
      ),
    ]);
  });

  it('passes on YAML syntax errors with their line, and reports an empty file', async () => {
    await write('broken.yml', 'name: broken\nkind: digest\ncontrols: [9.2.5\nschedule: x\n');
    await write('empty.yml', '# nothing here\n');
    expect((await load()).problems).toEqual([
      problem('broken.yml', 4, /.+/),
      problem('empty.yml', 1, /the file is empty/),
    ]);
  });

  it('reports a name used twice, naming both files, and a name that differs from its file', async () => {
    await write('digest.yml', DIGEST);
    await write('weekly.yml', DIGEST);
    const { workflows, problems } = await load();
    expect(workflows.map((w) => w.name)).toEqual(['digest']);
    expect(problems).toEqual([
      problem('weekly.yml', 1, /name "digest" differs from the file name weekly\.yml/),
      problem('weekly.yml', 1, /workflow name "digest" is already used by .*digest\.yml: names must be unique/),
    ]);
  });

  it('reports a folder it cannot read', async () => {
    const { problems } = await loadWorkflows({ dir: path.join(root, 'nope'), catalog });
    expect(problems).toEqual([expect.stringMatching(/nope: cannot read the workflows folder/)]);
  });

  it('throws one config_invalid error listing every problem', async () => {
    await write('x.yml', DIGEST);
    const err = await loadWorkflowsOrThrow({ dir, root, catalog }).catch((e: unknown) => e);
    expect(isAppError(err, 'config_invalid') && err.details).toEqual([
      problem('x.yml', 1, /name "digest" differs from the file name/),
    ]);
  });
});

describe('the shipped workflows/ folder', () => {
  it('validates clean against the catalog', async () => {
    const { workflows, problems } = await loadWorkflows({ catalog });
    expect(problems).toEqual([]);
    expect(workflows.map((w) => w.name).sort()).toEqual([
      'daily-backup-check',
      'monthly-supplier-review',
      'quarterly-access-review',
      'weekly-digest',
    ]);
  });
});
