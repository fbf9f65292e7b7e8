import type { Actor } from '../../../src/chat/model';
import { fixedClock } from '../../../src/kernel/clock';
import { silentLogger } from '../../../src/kernel/logger';
import { packageRoot } from '../../../src/kernel/paths';
import { createLedger } from '../../../src/ledger/ledger';
import type { Store } from '../../../src/store/port';
import type { ReviewItemRecord } from '../../../src/store/records';
import { createCampaign } from '../../../src/workflows/access-review/campaign';
import { createDecisions } from '../../../src/workflows/access-review/decisions';
import { accessReviewHandler } from '../../../src/workflows/access-review/handler';
import type { AccessReviewWorkflow } from '../../../src/workflows/definition';
import { createEngine } from '../../../src/workflows/engine';
import { describeEachStore } from '../../support/stores';

const def: AccessReviewWorkflow = {
  name: 'quarterly-access-review',
  kind: 'access-review',
  schedule: '0 9 1 1,4,7,10 *',
  timezone: 'Europe/Berlin',
  controls: ['9.2.5', '9.2.3', '9.2.6'],
  enabled: true,
  accessReview: {
    sources: {
      people: 'data/samples/people.csv',
      entitlements: 'data/samples/entitlements.csv',
      systems: 'data/samples/systems.csv',
    },
    reviewer: 'manager',
    fallbackReviewer: 'p002',
    durationDays: 14,
    dormantAfterDays: 90,
    reminders: { everyWorkingDays: 3, dailyWhenOverdue: true },
    escalation: { afterDays: 7, to: ['manager', 'compliance-lead'] },
    unreviewed: 'revoke',
  },
};
const slot = new Date('2026-10-01T07:00:00Z');
const actorOf = (personId: string | null): Actor => ({
  platform: 'web',
  userId: personId ?? 'guest',
  name: 'x',
  personId,
});

describeEachStore('access review campaign', (harness) => {
  let store: Store;
  const clock = fixedClock('2026-11-23T09:00:00Z');
  const root = packageRoot();
  const decisionsOn = (s: Store) =>
    createDecisions({
      store: () => s,
      ledger: () => createLedger({ attestations: s.attestations, catalogVersion: 'test', clock }),
      clock,
    });

  beforeEach(async () => {
    store = await harness().open();
  });

  it('snapshots the samples into flagged items routed to reviewers other than the holder', async () => {
    const { campaign, created } = await createCampaign({ store, def, slot, now: clock.now(), root, log: silentLogger });
    expect(created).toBe(true);
    expect(campaign).toMatchObject({ status: 'open', workflow: def.name });
    expect(campaign.summary).toMatchObject({ items: 1476, skippedRows: 0 });
    const items: ReviewItemRecord[] = [];
    for await (const i of store.reviewItems.scanCampaign(campaign._id)) items.push(i);
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n));
    expect(items.every((i) => i.reviewerId !== i.subjectId)).toBe(true);
    const flagged = (f: string) => items.filter((i) => i.flags.includes(f)).length;
    expect(flagged('terminated')).toBeGreaterThanOrEqual(12);
    expect(flagged('orphaned')).toBeGreaterThanOrEqual(10);
    expect(
      items.filter((i) => i.flags.includes('privileged') && i.flags.includes('dormant')).length,
    ).toBeGreaterThanOrEqual(10);
    expect((await store.people.get('p002'))?.roles).toContain('compliance-lead');
    // The same slot again creates nothing new.
    const again = await createCampaign({ store, def, slot, now: clock.now(), root, log: silentLogger });
    expect(again.created).toBe(false);
    expect(await store.reviewItems.count({ campaignId: campaign._id })).toBe(1476);
  });

  it('records a decision once, refuses items of others, and asks a reason to revoke', async () => {
    const { campaign } = await createCampaign({ store, def, slot, now: clock.now(), root, log: silentLogger });
    const decisions = decisionsOn(store);
    const [item] = await store.reviewItems.openInCampaign(campaign._id);
    if (!item) throw new Error('no items');
    const reviewer = actorOf(item.reviewerId);
    const other = (await store.people.list({ status: 'active' })).find((p) => p._id !== item.reviewerId);
    await expect(
      decisions.decide({ actor: actorOf(other?._id ?? null), itemId: item._id, decision: 'keep' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(decisions.decide({ actor: actorOf(null), itemId: item._id, decision: 'keep' })).rejects.toThrow(
      /directory/,
    );
    await expect(decisions.decide({ actor: reviewer, itemId: item._id, decision: 'revoke' })).rejects.toThrow(/reason/);
    const clicks = await Promise.all(
      [1, 2, 3].map(() =>
        decisions.decide({ actor: reviewer, itemId: item._id, decision: 'revoke', reason: 'left the team' }),
      ),
    );
    expect(clicks.filter((c) => c.recorded)).toHaveLength(1);
    const atts = await store.attestations.byIdempotencyKeys([`access-review.decision:${item._id}`]);
    expect(atts).toHaveLength(1);
    expect(atts[0]).toMatchObject({
      type: 'access-review.decision',
      decision: 'revoke',
      comment: 'left the team',
      controlIds: def.controls,
    });
    expect((await store.reviewItems.get(item._id))?.attestationId).toBe(atts[0]?.id);
    await expect(decisions.decide({ actor: reviewer, itemId: item._id, decision: 'keep' })).rejects.toThrow(
      /already decided/,
    );
  });

  it('delegates with a reason and keeps all unflagged items in one go', async () => {
    const { campaign } = await createCampaign({ store, def, slot, now: clock.now(), root, log: silentLogger });
    const decisions = decisionsOn(store);
    const open = await store.reviewItems.openInCampaign(campaign._id);
    // A reviewer with a few items (each decision is a write, and FerretDB's writes are slow here).
    const counts = new Map<string, number>();
    for (const i of open) counts.set(i.reviewerId, (counts.get(i.reviewerId) ?? 0) + 1);
    const reviewerId =
      [...counts].filter(
        ([id, n]) =>
          n <= 12 &&
          open.some((i) => i.reviewerId === id && i.flags.length === 0) &&
          open.some((i) => i.reviewerId === id && i.flags.length > 0),
      )[0]?.[0] ?? '';
    const mine = open.filter((i) => i.reviewerId === reviewerId);
    const { kept } = await decisions.keepAllUnflagged(actorOf(reviewerId));
    expect(kept).toBe(mine.filter((i) => i.flags.length === 0).length);
    const left = (await store.reviewItems.forReviewer(reviewerId)).open;
    expect(left.map((i) => i._id)).toEqual(
      mine
        .filter((i) => i.flags.length > 0)
        .map((i) => i._id)
        .sort(),
    );
    expect((await store.reviewItems.forReviewer(reviewerId)).decided).toBe(kept);
    const flagged = mine.find((i) => i.flags.length > 0);
    if (flagged) {
      const to = (await store.people.list({ role: 'compliance-lead' })).find(
        (p) => p._id !== flagged.subjectId && p._id !== reviewerId,
      );
      await decisions.delegate({
        actor: actorOf(reviewerId),
        itemId: flagged._id,
        to: to?.email ?? '',
        reason: 'owns this system now',
      });
      expect((await store.reviewItems.get(flagged._id))?.reviewerId).toBe(to?._id);
      expect((await store.reviewItems.forReviewer(reviewerId)).open).not.toContainEqual(
        expect.objectContaining({ _id: flagged._id }),
      );
      expect((await store.reviewItems.forReviewer(to?._id ?? '')).open).toContainEqual(
        await store.reviewItems.get(flagged._id),
      );
    }
  });

  it('runs the workflow once per slot across two engines, and catches up a missed slot once', async () => {
    const handlers = { 'access-review': accessReviewHandler({ store: () => store, outbox: () => null, root }) };
    const engines = ['a', 'b'].map((owner) =>
      createEngine({ store: () => store, workflows: [def], handlers, owner, clock }),
    );
    const results = await Promise.all(engines.map((e) => e.catchUp()));
    const ran = results.flat();
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ status: 'succeeded', caughtUp: true, slot: '2026-10-01T07:00:00.000Z' });
    expect((await engines[0]?.catchUp())?.length).toBe(0);
    expect(await store.campaigns.list({ workflow: def.name })).toHaveLength(1);
  });
});
