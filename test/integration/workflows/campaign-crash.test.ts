import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/kernel/logger';
import type { ReviewItemRecord } from '../../../src/store/records';
import { createCampaign } from '../../../src/workflows/access-review/campaign';
import { describeEachStore } from '../../support/stores';
import { KILL_TEST_SLOT, killTestWorkflow, writeSources } from '../../support/workflows';

/** Starts the child, resolves once it has written `batches` batches, then kills it with SIGKILL. */
function killMidway(root: string, env: Record<string, string>, batches: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, '../../support/campaign-child.ts'), root],
    {
      // Only the harness's store: the suite's MONGODB_URI must not leak into a local-store run.
      env: { ...process.env, MONGODB_URI: undefined, CONTROLBOT_DATA_DIR: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let seen = 0;
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      seen += (chunk.toString().match(/review items written/g) ?? []).length;
      if (seen >= batches && child.exitCode === null) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(seen);
      else reject(new Error(`child ended on its own (code ${code}) after ${seen} batches: ${stderr}`));
    });
  });
}

describeEachStore('a campaign interrupted by kill -9', (harness) => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-crash-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true, maxRetries: 5 }));

  it('completes after a restart with no duplicate and no missing item', async () => {
    const total = await writeSources(root, 3000);
    const batches = await killMidway(root, harness().env, 5);
    expect(batches).toBeGreaterThanOrEqual(5);

    const store = await harness().open();
    const def = killTestWorkflow();
    const [interrupted] = await store.campaigns.list({ workflow: def.name });
    expect(interrupted?.status).toBe('creating');
    const before = await store.reviewItems.count({ campaignId: interrupted?._id });
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(total);

    const { campaign, created } = await createCampaign({
      store,
      def,
      slot: KILL_TEST_SLOT,
      now: new Date(),
      root,
      log: silentLogger,
    });
    expect(created).toBe(true);
    expect(campaign).toMatchObject({
      status: 'open',
      summary: expect.objectContaining({ items: total, resumed: true }),
    });
    const items: ReviewItemRecord[] = [];
    for await (const i of store.reviewItems.scanCampaign(campaign._id)) items.push(i);
    expect(items).toHaveLength(total);
    expect(new Set(items.map((i) => i._id)).size).toBe(total);
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n));
    expect(new Set(items.map((i) => `${i.system}/${i.account}`)).size).toBe(total);
    // Each reviewer's inbox lists exactly their items as stored, the interrupted run's included.
    const byId = (a: ReviewItemRecord, b: ReviewItemRecord) => (a._id < b._id ? -1 : 1);
    for (const reviewerId of new Set(items.map((i) => i.reviewerId))) {
      const { open, decided } = await store.reviewItems.forReviewer(reviewerId);
      expect({ open, decided }).toEqual({
        open: items.filter((i) => i.reviewerId === reviewerId).sort(byId),
        decided: 0,
      });
    }
  }, 120_000);
});
