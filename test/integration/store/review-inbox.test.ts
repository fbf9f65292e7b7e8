import type { Store } from '../../../src/store/port';
import type { CampaignRecord, ReviewItemRecord } from '../../../src/store/records';
import { createDummyReviewItem } from '../../support/records';
import { describeEachStore } from '../../support/stores';

const campaign = (_id: string, status: CampaignRecord['status']): CampaignRecord => ({
  _id,
  workflow: 'quarterly-access-review',
  kind: 'access-review',
  name: _id,
  status,
  startedAt: new Date('2026-11-01T00:00:00Z'),
  dueAt: new Date('2026-11-15T00:00:00Z'),
  closedAt: null,
  summary: {},
  followUps: {},
});

// Reviewer ids may hold dots (emails); campaign ids hold them too (an ISO timestamp).
const GRACE = 'grace.hopper@example.com';
const C1 = 'quarterly@2026-11-01T08:00:00.000Z';
const item = (position: number, over: Partial<ReviewItemRecord> = {}) =>
  createDummyReviewItem({ _id: `${C1}#${position}`, campaignId: C1, position, reviewerId: GRACE, ...over });
const decision = {
  decision: 'keep',
  reason: null,
  decidedBy: GRACE,
  decidedAt: new Date('2026-11-05T10:00:00Z'),
  attestationId: 'att-1',
};

describeEachStore("reviewers' inboxes", (harness) => {
  let store: Store;
  beforeEach(async () => {
    store = await harness().open();
  });
  afterEach(async () => {
    await store.close();
  });

  const ids = async (reviewerId: string) => {
    const { open, decided } = await store.reviewItems.forReviewer(reviewerId);
    return { open: open.map((i) => i.position), decided };
  };

  it('follows decisions and delegations, there and back, and lists items exactly as stored', async () => {
    await store.campaigns.create(campaign(C1, 'open'));
    await store.reviewItems.insertMany([item(2), item(0), item(1, { flags: [] }), item(3, { reviewerId: 'p-linus' })]);
    expect(await ids(GRACE)).toEqual({ open: [0, 1, 2], decided: 0 });
    const listed = (await store.reviewItems.forReviewer(GRACE)).open;
    expect(listed).toEqual(await Promise.all(listed.map((i) => store.reviewItems.get(i._id))));

    await store.reviewItems.decide(`${C1}#0`, decision);
    expect(await ids(GRACE)).toEqual({ open: [1, 2], decided: 1 });
    expect(await store.reviewItems.reassign(`${C1}#1`, GRACE, 'p-ada')).toBe(true);
    expect(await ids(GRACE)).toEqual({ open: [2], decided: 1 });
    expect(await ids('p-ada')).toEqual({ open: [1], decided: 0 });
    expect((await store.reviewItems.forReviewer('p-ada')).open[0]).toEqual(await store.reviewItems.get(`${C1}#1`));
    expect(await store.reviewItems.reassign(`${C1}#1`, 'p-ada', GRACE)).toBe(true);
    expect(await ids('p-ada')).toEqual({ open: [], decided: 0 });
    expect(await ids(GRACE)).toEqual({ open: [1, 2], decided: 1 });
    await store.reviewItems.decide(`${C1}#1`, decision);
    expect(await ids(GRACE)).toEqual({ open: [2], decided: 2 });
    expect(await ids('p-linus')).toEqual({ open: [3], decided: 0 });
  });

  it('lists open campaigns only, and drops a campaign whose open items are decided at its close', async () => {
    await store.campaigns.create(campaign(C1, 'open'));
    await store.campaigns.create(campaign('c-2', 'creating'));
    await store.reviewItems.insertMany([item(0), item(0, { _id: 'c-2#0', campaignId: 'c-2' })]);
    expect(await ids(GRACE)).toEqual({ open: [0], decided: 0 });
    await store.campaigns.open('c-2', {});
    expect((await store.reviewItems.forReviewer(GRACE)).open.map((i) => i._id)).toEqual(['c-2#0', `${C1}#0`]);

    expect(await store.reviewItems.decideAllOpen(C1, { ...decision, decidedBy: 'controlbot' })).toBe(1);
    // The embedded store reads the items themselves: until the closing campaign is marked closed,
    // its items decided at the close still count; the inboxes were dropped with the close.
    const closing = store.kind === 'local' ? 1 : 0;
    expect(await ids(GRACE)).toEqual({ open: [0], decided: closing });
    expect((await store.reviewItems.forReviewer(GRACE)).open[0]?.campaignId).toBe('c-2');
    // A late click on an item of the closing campaign makes no inbox again.
    await store.reviewItems.refreshInbox((await store.reviewItems.get(`${C1}#0`)) as ReviewItemRecord);
    expect(await ids(GRACE)).toEqual({ open: [0], decided: closing });
  });

  it("writes a starting campaign's inboxes in one go, split in parts, and completes them after an interruption", async () => {
    await store.campaigns.create(campaign(C1, 'creating'));
    const items = Array.from({ length: 4100 }, (_, n) => item(n, { reviewerId: n % 100 === 7 ? 'p-linus' : GRACE }));
    await store.reviewItems.insertMissing(items);
    const interrupted = store.reviewItems.inboxBuilder(C1);
    for (const i of items.filter((i) => i.reviewerId === 'p-linus')) interrupted.add(i);
    await interrupted.write();

    const resumed = store.reviewItems.inboxBuilder(C1);
    for (const i of items) resumed.add(i);
    await resumed.write();
    expect(await ids(GRACE)).toEqual({ open: [], decided: 0 });
    await store.campaigns.open(C1, {});
    const grace = items.filter((i) => i.reviewerId === GRACE).map((i) => i._id);
    expect(grace.length).toBeGreaterThan(4000);
    expect((await store.reviewItems.forReviewer(GRACE)).open.map((i) => i._id)).toEqual([...grace].sort());
    expect((await ids('p-linus')).open).toHaveLength(41);

    // The last item is in the second part; its decision is recorded in the first.
    await store.reviewItems.decide(`${C1}#4099`, decision);
    expect((await ids(GRACE)).decided).toBe(1);
    expect((await ids(GRACE)).open).not.toContain(4099);
  });

  it('repairs an entry an interrupted write left behind the item', async () => {
    await store.campaigns.create(campaign(C1, 'open'));
    await store.reviewItems.insertMany([item(0)]);
    // Handed on, but the inboxes never heard of it.
    await store.close();
    await harness().tamper('review_items', `${C1}#0`, (doc) => ({ ...doc, reviewerId: 'p-ada' }));
    store = await harness().open();
    // The embedded store keeps no copy: it reads the item itself, so there is nothing to repair.
    expect(await ids(GRACE)).toEqual({ open: store.kind === 'local' ? [] : [0], decided: 0 });
    await store.reviewItems.refreshInbox((await store.reviewItems.get(`${C1}#0`)) as ReviewItemRecord, [GRACE]);
    expect(await ids(GRACE)).toEqual({ open: [], decided: 0 });
    expect(await ids('p-ada')).toEqual({ open: [0], decided: 0 });
  });
});
