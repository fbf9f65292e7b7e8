import { fixedClock } from '../../../src/kernel/clock';
import { sequentialIds } from '../../../src/kernel/ids';
import { silentLogger } from '../../../src/kernel/logger';
import { packageRoot } from '../../../src/kernel/paths';
import { createOutbox } from '../../../src/outbox/outbox';
import type { Store } from '../../../src/store/port';
import type { AttestationRecord } from '../../../src/store/records';
import { backupDigestSection } from '../../../src/workflows/backup-check/digest-section';
import { backupCheckHandler } from '../../../src/workflows/backup-check/handler';
import type { BackupCheckWorkflow } from '../../../src/workflows/definition';
import { buttonsOf, followUpConversation, formOf, linesOf, queued, textOf } from '../../support/follow-ups';
import { createDummyPerson } from '../../support/records';
import { describeEachStore } from '../../support/stores';

const backupWorkflow: BackupCheckWorkflow = {
  name: 'daily-backup-check',
  kind: 'backup-check',
  schedule: '0 7 * * *',
  timezone: 'Europe/Berlin',
  controls: ['12.3.1', '17.1.3'],
  enabled: true,
  backupCheck: {
    report: 'data/samples/backups.json',
    register: 'data/samples/backup-register.csv',
    people: 'data/samples/people.csv',
  },
};
const SLOT = new Date('2026-11-23T06:00:00Z');

async function attestations(store: Store, type: string) {
  const out: AttestationRecord[] = [];
  for await (const a of store.attestations.scan({ type })) out.push(a);
  return out;
}

describeEachStore('backup check', (harness) => {
  let store: Store;
  const clock = fixedClock(SLOT);
  const run = (slot: Date) =>
    backupCheckHandler({
      store: () => store,
      ledger: () => chat.ledger,
      outbox: () => createOutbox({ repo: store.outbox, clock, ids: sequentialIds() }),
      root: packageRoot(),
    })(backupWorkflow, slot, { now: clock.now(), log: silentLogger });
  let chat: ReturnType<typeof followUpConversation>;

  beforeEach(async () => {
    clock.set(SLOT);
    store = await harness().open();
    chat = followUpConversation(store, clock);
    // Two owners already talk to the bot: the billing DB's (Slack) and GitHub's (Teams).
    await store.people.put(
      createDummyPerson({
        _id: 'p107',
        email: 'yuki.takahashi@fernwood.example',
        name: 'Yuki Takahashi',
        managerId: 'p010',
        department: 'Finance',
        chatIds: ['slack:T1:U107'],
      }),
    );
    await store.people.put(
      createDummyPerson({
        _id: 'p003',
        email: 'priya.raman@fernwood.example',
        name: 'Priya Raman',
        managerId: 'p001',
        chatIds: ['teams:aad-p003'],
      }),
    );
  });

  it('records every system, tells owners, and takes acknowledgements, explanations and restore tests', async () => {
    const steps = await run(SLOT);
    expect(steps.map((s) => [s.name, s.status])).toEqual([
      ['read evidence', 'pass'],
      ['check and record', 'pass'],
      ['notify owners', 'pass'],
    ]);
    expect(steps[1]?.detail).toMatch(/^7 pass, 6 fail \(.*1 stale.*\); not in the register: tmp-scratch-volume$/);
    const checks = await attestations(store, 'backup-check');
    expect(checks).toHaveLength(13);
    expect(checks.find((a) => a.subject === 'billing-postgres')).toMatchObject({
      actor: { id: 'controlbot', platform: 'system' },
      decision: 'fail',
      controlIds: ['12.3.1', '17.1.3'],
      idempotencyKey: `backup-check:billing-postgres:daily-backup-check@${SLOT.toISOString()}`,
    });
    const messages = await queued(store);
    expect(messages.map((m) => [m.platform, m.target, m.kind]).sort()).toEqual([
      ['slack', 'U107', 'backup.failing'],
      ['teams', 'aad-p003', 'backup.failing'],
    ]);
    const card = messages.find((m) => m.target === 'U107')?.reply;
    expect(card?.text).toBe('Billing service PostgreSQL (RDS) (billing-postgres) failed the backup check.');
    expect(buttonsOf(card!).map((b) => [b.label, b.action, b.value])).toEqual([
      ['Acknowledge', 'backup.ack', 'billing-postgres'],
      ['Explain', 'backup.explain', 'billing-postgres'],
    ]);
    // The same slot again (a retried run) records and sends nothing new.
    await run(SLOT);
    expect(await attestations(store, 'backup-check')).toHaveLength(13);
    expect(await queued(store)).toHaveLength(2);

    // The owner lists and acknowledges; a double click records once; someone else may not.
    expect((await chat.say('p107', 'backups')).text).toBe(
      'Backups: 1 of your 2 systems fails the latest check; 1 pass.',
    );
    const ack = buttonsOf(card!)[0]!;
    expect((await chat.press('p003', ack)).text).toMatch(/is not yours: only its owner or a compliance lead/);
    expect((await chat.press(null, ack)).text).toMatch(/Only people in the company directory/);
    expect((await chat.press('p107', ack)).text).toMatch(/^👀 Acknowledged: Billing service PostgreSQL/);
    expect((await chat.press('p107', ack)).text).toMatch(/^Already recorded/);
    expect(await attestations(store, 'backup-check.acknowledgement')).toHaveLength(1);

    // A compliance lead explains another owner's failure through the form.
    const explain = await chat.press('p002', { action: 'backup.explain', value: 'jira-export' });
    const form = formOf(explain)!;
    expect(form.fields.map((f) => f.name)).toEqual(['reason']);
    expect((await chat.press('p002', form.submit, { reason: '  ' })).text).toBe('Please say what is going on.');
    const explained = await chat.press('p002', form.submit, { reason: 'Atlassian API outage; rerun scheduled' });
    expect(explained.text).toMatch(/^💬 Explanation recorded: Jira projects export/);

    // GitHub's owner attests a restore test with the command.
    const restore = formOf(await chat.say('p003', 'restore-test github-enterprise'))!;
    expect(restore.fields.map((f) => f.name)).toEqual(['date', 'restored', 'duration', 'result', 'notes']);
    const fields = {
      date: '2026-11-20',
      restored: 'Full appliance restore to a staging VM',
      duration: '1h 10m',
      result: 'success',
    };
    expect((await chat.press('p003', restore.submit, { ...fields, date: 'yesterday' })).text).toMatch(/YYYY-MM-DD/);
    expect((await chat.press('p003', restore.submit, fields)).text).toMatch(
      /Restore test of GitHub Enterprise repositories recorded: 2026-11-20, 70 min, success/,
    );
    const [test] = await attestations(store, 'restore-test');
    expect(test).toMatchObject({ subject: 'github-enterprise', decision: 'success', evidence: { restoreMinutes: 70 } });

    // Later that day: the restore test counts, the acknowledged failures stay acknowledged and
    // nobody is told again; the digest shows the open ones first.
    clock.set('2026-11-23T12:00:00Z');
    const later = await run(new Date('2026-11-23T12:00:00Z'));
    expect(later[1]?.detail).toMatch(/^8 pass, 5 fail/);
    expect(later[2]?.detail).toMatch(/^0 message\(s\) queued for 3 owner\(s\) of 3 unacknowledged/);
    const current = await store.backupRuns.get('daily-backup-check');
    expect(current?.runId).toBe('daily-backup-check@2026-11-23T12:00:00.000Z');
    const billing = await store.backupChecks.get(current?.runId ?? '', 'billing-postgres');
    expect(billing).toMatchObject({ failingSince: SLOT, acknowledgement: { decision: 'acknowledged', by: 'p107' } });
    const section = await backupDigestSection(store, { now: clock.now(), since: SLOT });
    expect(section).toMatchObject({
      id: 'backups',
      attention: 5,
      headline: '5 system(s) failing the latest backup check, 3 not acknowledged.',
    });
    const lines = linesOf(section?.blocks);
    expect(
      lines
        .slice(3)
        .map((l) => /\*(\S+)\*/.exec(l)?.[1])
        .sort(),
    ).toEqual(['billing-postgres', 'jira-export']);
    expect(textOf(await chat.press('p002', { action: 'backup.details', value: 'jira-export' }))).toContain(
      'Atlassian API outage',
    );
  });
});
