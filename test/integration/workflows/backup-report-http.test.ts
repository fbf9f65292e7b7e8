import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/kernel/logger';
import { packageRoot } from '../../../src/kernel/paths';
import { createLedger } from '../../../src/ledger/ledger';
import type { Store } from '../../../src/store/port';
import { backupCheckHandler } from '../../../src/workflows/backup-check/handler';
import type { BackupCheckWorkflow } from '../../../src/workflows/definition';
import { localHarness, type StoreHarness } from '../../support/stores';

const TOKEN = 'Bearer s3cret-backup-token';
const NOW = new Date('2026-11-23T06:00:00Z');
let server: http.Server;
let base: string;
let body: string;
const seen: (string | undefined)[] = [];
let root: string;
let harness: StoreHarness;
let store: Store;

beforeAll(async () => {
  body = await fs.readFile(path.join(packageRoot(), 'data/samples/backups.json'), 'utf8');
  // A loopback stand-in for a backup tool's report API: JSON for the right token, 401 otherwise.
  server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    const ok = req.headers.authorization === TOKEN;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    const reply = req.url?.startsWith('/broken')
      ? '{"backups": ['
      : req.url?.startsWith('/empty')
        ? '{"backups": []}'
        : body;
    res.end(ok ? reply : '{"error":"unauthorized"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  seen.length = 0;
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-backup-http-'));
  await fs.mkdir(path.join(root, 'data'));
  await fs.mkdir(path.join(root, 'secrets'));
  await fs.copyFile(path.join(packageRoot(), 'data/samples/backup-register.csv'), path.join(root, 'data/register.csv'));
  await fs.writeFile(path.join(root, 'secrets/backup-api.txt'), `${TOKEN}\n`);
  harness = await localHarness();
  store = await harness.open();
});
afterEach(async () => {
  await store.close();
  await harness.destroy();
  await fs.rm(root, { recursive: true, force: true });
});

const workflow = (report: string, valueFile = 'secrets/backup-api.txt'): BackupCheckWorkflow => ({
  name: 'daily-backup-check',
  kind: 'backup-check',
  schedule: '0 7 * * *',
  timezone: 'Europe/Berlin',
  controls: ['12.3.1'],
  enabled: true,
  backupCheck: { report, register: 'data/register.csv', authHeader: { name: 'Authorization', valueFile } },
});
const run = (def: BackupCheckWorkflow) =>
  backupCheckHandler({
    store: () => store,
    ledger: () => createLedger({ attestations: store.attestations, catalogVersion: 'test' }),
    outbox: () => null,
    root,
  })(def, NOW, { now: NOW, log: silentLogger });

describe('backup report over HTTP', () => {
  it('fetches the report with the auth header read from its file, and never shows the query or the token', async () => {
    const steps = await run(workflow(`${base}/v1/report.json?tenant=fernwood&key=abc123`));
    expect(seen).toEqual([TOKEN]);
    expect(steps.map((s) => s.status)).toEqual(['pass', 'pass', 'pass']);
    expect(steps[0]?.detail).toBe(`13 registered system(s), 14 job(s) in ${base}/v1/report.json`);
    expect(steps[1]?.detail).toMatch(/^7 pass, 6 fail/);
    expect(JSON.stringify(steps)).not.toMatch(/abc123|s3cret/);
    const latest = await store.backupRuns.get('daily-backup-check');
    expect(latest?.failing.map((f) => f.system)).toContain('billing-postgres');
  });

  it('says what to check when the server refuses, the secret is missing or the body is broken', async () => {
    await fs.writeFile(path.join(root, 'secrets/wrong.txt'), 'Bearer nope');
    const refused = await run(workflow(`${base}/v1/report.json`, 'secrets/wrong.txt'));
    expect(refused).toEqual([expect.objectContaining({ name: 'read evidence', status: 'error' })]);
    expect(refused[0]?.detail).toBe(
      `${base}/v1/report.json: the server refused the request (HTTP 401); check the auth header and its value file`,
    );
    const missing = await run(workflow(`${base}/v1/report.json`, 'secrets/none.txt'));
    expect(missing[0]?.detail).toMatch(
      /valueFile secrets\/none\.txt cannot be read \(ENOENT\): create it with the Authorization value/,
    );
    const broken = await run(workflow(`${base}/broken`));
    expect(broken[0]?.detail).toMatch(new RegExp(`^${base}/broken:1: not valid JSON`));
    const empty = await run(workflow(`${base}/empty`));
    expect(empty[0]?.detail).toBe(`${base}/empty lists no valid backup job: check the backup export`);
    expect(seen).toEqual(['Bearer nope', TOKEN, TOKEN]);
    expect(await store.attestations.count()).toBe(0);
  });
});
