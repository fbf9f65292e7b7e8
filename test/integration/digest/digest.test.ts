import { composeDigest, digestText } from '../../../src/digest/compose';
import { digestHandler } from '../../../src/digest/digest-handler';
import { DIGEST_SECTIONS } from '../../../src/digest/providers';
import type { SectionProvider } from '../../../src/digest/section';
import { fixedClock } from '../../../src/kernel/clock';
import { silentLogger } from '../../../src/kernel/logger';
import { packageRoot } from '../../../src/kernel/paths';
import { createOutbox } from '../../../src/outbox/outbox';
import type { Store } from '../../../src/store/port';
import { createCampaign } from '../../../src/workflows/access-review/campaign';
import type { DigestWorkflow } from '../../../src/workflows/definition';
import { createEngine } from '../../../src/workflows/engine';
import { describeEachStore } from '../../support/stores';
import { sampleAccessReview } from '../../support/workflows';

const weekly: DigestWorkflow = {
  name: 'weekly-digest',
  kind: 'digest',
  schedule: '0 9 * * 1',
  timezone: 'Europe/Berlin',
  controls: ['18.2.2'],
  enabled: true,
  digest: { period: 'weekly', channels: ['C0COMPLIANCE'] },
};

describeEachStore('compliance digest', (harness) => {
  let store: Store;
  const clock = fixedClock('2026-11-23T08:00:00Z'); // Monday 09:00 in Berlin

  beforeEach(async () => {
    store = await harness().open();
    await createCampaign({
      store,
      def: sampleAccessReview({ durationDays: 14 }),
      slot: new Date('2026-10-01T07:00:00Z'),
      now: new Date('2026-10-01T07:00:00Z'),
      root: packageRoot(),
      log: silentLogger,
    });
    await store.questions.record({
      _id: 'q1',
      text: 'who feeds the office cat',
      askedAt: new Date('2026-11-20T10:00:00Z'),
      platform: 'slack',
      suggestions: [],
    });
    await store.votes.record({
      _id: 'slack:U1:a1',
      answerId: 'a1',
      helpful: false,
      question: 'can I use my USB stick',
      controlIds: ['8.3.1'],
      platform: 'slack',
      at: new Date('2026-11-21T10:00:00Z'),
    });
    await store.questions.record({
      _id: 'q0',
      text: 'an old question',
      askedAt: new Date('2026-11-01T10:00:00Z'),
      platform: 'slack',
      suggestions: [],
    });
  });

  it('shows open campaigns, overdue ones first, and what people asked since the last digest', async () => {
    const digest = await composeDigest(store, DIGEST_SECTIONS, {
      now: clock.now(),
      since: new Date('2026-11-16T08:00:00Z'),
    });
    // Sections needing attention first; the supplier register is all clear; no backup check has run.
    expect(digest.sections.map((s) => s.id)).toEqual(['questions', 'access-reviews', 'suppliers']);
    const text = digestText(digest);
    expect(text).toContain('who feeds the office cat');
    expect(text).not.toContain('an old question');
    expect(text).toContain('can I use my USB stick” → 8.3.1');
    expect(text).toMatch(/0 of 1476 decided \(0%\), due 2026-10-15 — overdue/);
  });

  it('keeps the other sections when one fails', async () => {
    const broken: SectionProvider = async () => Promise.reject(new Error('supplier register unreadable'));
    const digest = await composeDigest(store, [broken, ...DIGEST_SECTIONS], { now: clock.now(), since: new Date(0) });
    expect(digest.sections.map((s) => s.id)).toEqual(['error', 'questions', 'access-reviews', 'suppliers']);
    expect(digestText(digest)).toContain('supplier register unreadable');
  });

  it('is sent once per lead and period, even when the slot runs again after a restart', async () => {
    for (const p of await store.people.list({ role: 'compliance-lead' }))
      await store.people.linkChatId(p._id, `slack:T1:U${p._id}`);
    const outbox = createOutbox({ repo: store.outbox, clock });
    const handlers = {
      digest: digestHandler({ store: () => store, outbox: () => outbox, providers: DIGEST_SECTIONS }),
    };
    const engine = () => createEngine({ store: () => store, workflows: [weekly], handlers, owner: 'a', clock });
    const [run] = await engine().catchUp();
    expect(run).toMatchObject({ status: 'succeeded', slot: '2026-11-23T08:00:00.000Z' });
    expect(run?.steps[1]?.detail).toBe('3 message(s) queued for 2 compliance lead(s); 0 not linked to a chat yet');
    // The same slot handled again (a crash before its run was recorded as finished): nothing new is sent.
    const again = await handlers.digest(weekly, new Date('2026-11-23T08:00:00Z'), {
      now: clock.now(),
      log: silentLogger,
    });
    expect(again[1]?.detail).toMatch(/^0 message\(s\) queued/);
    const sent = (await store.outbox.list()).filter((m) => m.dedupeKey.startsWith('digest:'));
    expect(sent.map((m) => m.target).sort()).toEqual(['C0COMPLIANCE', 'Up002', 'Up005']);
  });
});
