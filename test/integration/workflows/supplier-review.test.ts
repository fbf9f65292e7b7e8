import { fixedClock } from '../../../src/kernel/clock';
import { sequentialIds } from '../../../src/kernel/ids';
import { silentLogger } from '../../../src/kernel/logger';
import { packageRoot } from '../../../src/kernel/paths';
import { createOutbox } from '../../../src/outbox/outbox';
import type { Store } from '../../../src/store/port';
import type { SupplierReviewWorkflow } from '../../../src/workflows/definition';
import { supplierDigestSection } from '../../../src/workflows/supplier-review/digest-section';
import { supplierReviewHandler } from '../../../src/workflows/supplier-review/handler';
import { buttonsOf, followUpConversation, formOf, queued } from '../../support/follow-ups';
import { createDummyPerson } from '../../support/records';
import { describeEachStore } from '../../support/stores';

const def: SupplierReviewWorkflow = {
  name: 'monthly-supplier-review',
  kind: 'supplier-review',
  schedule: '0 9 1 * *',
  timezone: 'Europe/Berlin',
  controls: ['15.1.1', '15.1.2', '15.2.1', '15.2.2', 'CLD.6.3.1'],
  enabled: true,
  supplierReview: {
    register: 'data/samples/suppliers.csv',
    people: 'data/samples/people.csv',
    cadenceMonths: { critical: 6, high: 12, medium: 24, low: 36 },
    dueWithinDays: 30,
    expiringWithinDays: 30,
  },
};
const SLOT = new Date('2026-12-01T08:00:00Z');
const ANSWERS = { inUse: 'yes', dataChanged: 'no', incidents: 'none', documentsCurrent: 'yes', decision: 'continue' };

describeEachStore('supplier review', (harness) => {
  let store: Store;
  const clock = fixedClock(SLOT);
  let chat: ReturnType<typeof followUpConversation>;
  const run = () =>
    supplierReviewHandler({
      store: () => store,
      outbox: () => createOutbox({ repo: store.outbox, clock, ids: sequentialIds() }),
      root: packageRoot(),
    })(def, clock.now(), { now: clock.now(), log: silentLogger });

  beforeEach(async () => {
    clock.set(SLOT);
    store = await harness().open();
    chat = followUpConversation(store, clock);
    const link = (id: string, email: string, name: string, chatId: string, roles: string[] = []) =>
      store.people.put(createDummyPerson({ _id: id, email, name, managerId: 'p001', roles, chatIds: [chatId] }));
    await link('p004', 'sofia.lindqvist@fernwood.example', 'Sofia Lindqvist', 'slack:T1:U004');
    await link('p002', 'jonas.weber@fernwood.example', 'Jonas Weber', 'slack:T1:U002', ['compliance-lead']);
    await link('p005', 'daniel.mensah@fernwood.example', 'Daniel Mensah', 'teams:aad-p005', ['compliance-lead']);
  });

  it('asks owners once per cycle, escalates overdue reviews once, and records answered questionnaires', async () => {
    const steps = await run();
    expect(steps.map((s) => [s.name, s.status])).toEqual([
      ['load register', 'pass'],
      ['ask owners', 'pass'],
    ]);
    expect(steps[0]?.detail).toBe('26 supplier(s): 26 added, 0 changed, 0 no longer listed; 18 to watch');
    expect(steps[1]?.detail).toMatch(
      /^12 supplier\(s\) need a review, 5 overdue; 3 review card\(s\) and 10 escalation\(s\) queued/,
    );
    const messages = await queued(store);
    const cards = messages.filter((m) => m.kind === 'supplier.review');
    expect(cards.map((m) => m.dedupeKey).sort()).toEqual([
      'supplier-review:greenline-recycling:review-2026-11-05:p004:slack',
      'supplier-review:northwind-translations:review-2026-10-02:p005:teams',
      'supplier-review:okta:review-2026-11-20:p004:slack',
    ]);
    const escalations = messages.filter((m) => m.kind === 'supplier.escalation');
    expect(new Set(escalations.map((m) => m.target))).toEqual(new Set(['U002', 'aad-p005']));
    expect(escalations.find((m) => m.dedupeKey.startsWith('supplier-overdue:okta:'))?.reply.text).toBe(
      'The review of Okta (critical) is overdue since 2026-11-20; Sofia Lindqvist owns it.',
    );
    await run();
    expect(await queued(store)).toHaveLength(13);

    // The owner answers Okta's card; a double submission records once; others may not answer.
    const okta = cards.find((m) => m.dedupeKey.includes(':okta:'))?.reply;
    const form = formOf(okta!)!;
    expect(form.fields.map((f) => f.name)).toEqual([
      'inUse',
      'dataChanged',
      'incidents',
      'documentsCurrent',
      'decision',
      'notes',
    ]);
    expect((await chat.press('p003', form.submit, ANSWERS)).text).toMatch(/Okta is not yours/);
    expect((await chat.press('p004', form.submit, { ...ANSWERS, inUse: 'perhaps' })).text).toMatch(
      /still in use \(yes or no\)/,
    );
    const done = await chat.press('p004', form.submit, ANSWERS);
    expect(done.text).toBe('Review of Okta recorded: continue. The next review is due on 2027-06-01.');
    expect((await chat.press('p004', form.submit, ANSWERS)).text).toBe(
      'The review of Okta was already recorded (continue).',
    );

    // A compliance lead answers another owner's overdue review from the list.
    expect((await chat.say('p004', 'suppliers')).text).toBe('1 of your suppliers needs a review.');
    const list = await chat.say('p002', 'suppliers');
    expect(list.text).toBe('11 suppliers need a review.');
    const open = buttonsOf(list).find((b) => b.value === 'greenline-recycling')!;
    const details = formOf(await chat.press('p002', open))!;
    const actions = { ...ANSWERS, decision: 'continue with actions', notes: 'Ask for the 2027 certificate renewal' };
    expect((await chat.press('p002', details.submit, actions)).text).toMatch(
      /^Review of Greenline IT Recycling recorded: continue-with-actions/,
    );

    const reviews: string[] = [];
    for await (const a of store.attestations.scan({ type: 'supplier-review' }))
      reviews.push(`${a.idempotencyKey} ${a.actor.id}`);
    expect(reviews).toEqual([
      'supplier-review:okta:review-2026-11-20 sofia.lindqvist@fernwood.example',
      'supplier-review:greenline-recycling:review-2026-11-05 jonas.weber@fernwood.example',
    ]);
    expect(await store.suppliers.get('okta')).toMatchObject({
      lastReview: { decision: 'continue', by: 'p004' },
      // The SOC 2 report (period ending 2026-03-31) enters its window first.
      attentionFrom: new Date('2027-03-01T00:00:00Z'),
    });
    const section = await supplierDigestSection(store, { now: clock.now(), since: new Date('2026-11-23T00:00:00Z') });
    expect(section).toMatchObject({
      id: 'suppliers',
      attention: 10,
      headline: '3 supplier review(s) overdue, 4 due, 5 supplier(s) with certificates or reports running out.',
    });
    expect(buttonsOf({ text: '', blocks: section?.blocks ?? [] }).at(-1)).toMatchObject({ action: 'supplier.list' });

    // A month later the answered reviews are not asked again and nothing is escalated twice.
    clock.set('2027-01-01T08:00:00Z');
    await run();
    const after = await queued(store);
    expect(after.filter((m) => m.dedupeKey.includes(':okta:'))).toHaveLength(3);
    expect(after.filter((m) => m.dedupeKey.startsWith('supplier-overdue:datadog:'))).toHaveLength(2);
  });
});
