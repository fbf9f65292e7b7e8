import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../../src/kernel/clock';
import { silentLogger } from '../../../src/kernel/logger';
import { packageRoot } from '../../../src/kernel/paths';
import { createLedger } from '../../../src/ledger/ledger';
import { createOutbox } from '../../../src/outbox/outbox';
import type { Store } from '../../../src/store/port';
import { createCampaign } from '../../../src/workflows/access-review/campaign';
import { createDecisions } from '../../../src/workflows/access-review/decisions';
import { accessReviewMaintenance } from '../../../src/workflows/access-review/maintain';
import { describeEachStore } from '../../support/stores';
import { sampleAccessReview } from '../../support/workflows';

const def = sampleAccessReview();
const slot = new Date('2026-10-01T07:00:00Z');

describeEachStore('access review follow-up and closing', (harness) => {
  let store: Store;
  let exportsDir: string;
  const clock = fixedClock('2026-10-01T07:00:00Z');

  beforeEach(async () => {
    store = await harness().open();
    exportsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-exports-'));
    clock.set('2026-10-01T07:00:00Z');
  });
  afterEach(() => fs.rm(exportsDir, { recursive: true, force: true }));

  it('reminds once per due day, escalates to manager then compliance lead, and closes with evidence', async () => {
    const ledger = createLedger({ attestations: store.attestations, catalogVersion: 'test', clock });
    const outbox = createOutbox({ repo: store.outbox, clock });
    const { campaign } = await createCampaign({
      store,
      def,
      slot,
      now: clock.now(),
      root: packageRoot(),
      log: silentLogger,
    });
    // Link every reviewer and the compliance leads to Slack, as identity linking would.
    const people = await store.people.list();
    for (const p of people) await store.people.linkChatId(p._id, `slack:T1:U${p._id}`);
    const maintain = accessReviewMaintenance({
      store: () => store,
      ledger: () => ledger,
      outbox: () => outbox,
      workflows: [def],
      exportsDir,
    });
    const keys = async () => (await store.outbox.list()).map((m) => m.dedupeKey);

    // One reviewer decides everything of theirs before any reminder: they get none.
    const open = await store.reviewItems.openInCampaign(campaign._id);
    const perReviewer = new Map<string, number>();
    for (const i of open) perReviewer.set(i.reviewerId, (perReviewer.get(i.reviewerId) ?? 0) + 1);
    const diligent = [...perReviewer].sort((a, b) => a[1] - b[1])[0]?.[0] ?? '';
    const decisions = createDecisions({ store: () => store, ledger: () => ledger, clock });
    for (const item of open.filter((i) => i.reviewerId === diligent)) {
      await decisions.decide({
        actor: { platform: 'web', userId: diligent, name: 'd', personId: diligent },
        itemId: item._id,
        decision: 'revoke',
        reason: 'not needed',
      });
    }

    clock.set('2026-10-06T07:30:00Z'); // three working days later
    await maintain(clock.now(), silentLogger);
    await maintain(clock.now(), silentLogger); // a second pass the same day sends nothing new
    const reminders = (await keys()).filter((k) => k.startsWith('review-reminder:'));
    const reviewers = new Set(open.map((i) => i.reviewerId));
    expect(reminders).toHaveLength(reviewers.size - 1);
    expect(reminders.some((k) => k.includes(`:${diligent}:`))).toBe(false);

    clock.set('2026-10-08T08:00:00Z'); // a week in: managers hear of it
    await maintain(clock.now(), silentLogger);
    expect(
      (await keys()).filter((k) => k.startsWith('review-escalation:') && /:1:[^:]+:slack$/.test(k)).length,
    ).toBeGreaterThan(0);
    clock.set('2026-10-15T08:00:00Z'); // two weeks, and due: the campaign closes
    await maintain(clock.now(), silentLogger);

    const closed = await store.campaigns.get(campaign._id);
    expect(closed?.status).toBe('closed');
    expect(await store.reviewItems.count({ campaignId: campaign._id, status: 'open' })).toBe(0);
    const summary = closed?.summary as { decisions: Record<string, number>; remediationRows: number };
    expect(summary.decisions.revoke).toBe(1476); // the workflow revokes what nobody reviewed
    const dir = path.join(exportsDir, campaign._id.replace(/[^A-Za-z0-9_.-]+/g, '_'));
    const csv = (await fs.readFile(path.join(dir, 'remediation.csv'), 'utf8')).trim().split('\n');
    expect(csv).toHaveLength(1477);
    expect(csv[0]).toContain('attestationHash');
    expect(JSON.parse(await fs.readFile(path.join(dir, 'remediation.json'), 'utf8'))).toHaveLength(1476);
    const seal = await store.attestations.byIdempotencyKeys([`access-review.campaign:${campaign._id}`]);
    expect(seal[0]).toMatchObject({ type: 'access-review.campaign', decision: 'closed' });
    expect((await keys()).filter((k) => k.startsWith(`campaign-closed:${campaign._id}`))).toHaveLength(2); // both leads
    expect((await ledger.verify()).ok).toBe(true);
  }, 300_000); // every write costs FerretDB v1 50-200 ms here; closing writes ~1,500 attestations
});
