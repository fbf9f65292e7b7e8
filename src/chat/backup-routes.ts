import { AppError } from '../kernel/errors';
import type { Store } from '../store/port';
import { backupDetailsReply, backupListReply, explainForm, restoreTestForm } from '../workflows/backup-check/cards';
import { currentFailures } from '../workflows/backup-check/current';
import { type BackupFollowUps, COMPLIANCE_LEAD } from '../workflows/backup-check/follow-up';
import type { Route } from './conversation';
import type { Actor, Incoming, Reply } from './model';

const textIs = (re: RegExp) => (i: Incoming) => (re.test(i.text ?? '') ? '' : null);
const actionIs = (id: string) => (i: Incoming) => (i.action?.id === id ? i.action.value : null);
const RESTORE_TEST = /^\s*restore[- ]?tests?(?:\s+(\S+))?\s*$/i;

const say = (text: string, context?: string): Reply => ({
  text,
  blocks: [{ type: 'text', text }, ...(context ? [{ type: 'context' as const, text: context }] : [])],
});

/**
 * The backup routes of the conversation core: `backups` lists failing systems (an owner's own,
 * every one for a compliance lead); buttons acknowledge, explain and record restore tests;
 * `restore-test <system>` opens the restore-test form. Permissions are decided in BackupFollowUps.
 */
export function backupRoutes(deps: { store: () => Store | null; followUps: BackupFollowUps }): Route[] {
  const store = () => {
    const s = deps.store();
    if (!s) throw new AppError('store_unavailable', 'the store is not open');
    return s;
  };
  const isLead = async (actor: Actor) =>
    !!actor.personId && !!(await store().people.get(actor.personId))?.roles.includes(COMPLIANCE_LEAD);

  const list = async (_: string, i: Incoming): Promise<Reply> => {
    if (!i.actor.personId) {
      return say('I could not find you in the company directory, so no backups are yours to follow up.');
    }
    const lead = await isLead(i.actor);
    const { failing, checked } = await currentFailures(store(), lead ? {} : { ownerId: i.actor.personId });
    return backupListReply(failing, checked, lead ? 'all' : 'mine');
  };
  const details = async (system: string, i: Incoming) =>
    backupDetailsReply((await deps.followUps.checkFor(i.actor, system)).check);
  const acknowledge = async (system: string, i: Incoming, explanation?: string) => {
    const out = await deps.followUps.acknowledge({ actor: i.actor, system, explanation });
    const what = out.check.name;
    const text = out.recorded
      ? `${explanation === undefined ? '👀 Acknowledged' : '💬 Explanation recorded'}: ${what}. It stays on the compliance lead's list, marked in hand, until the check passes.`
      : `Already recorded: ${what} (${out.check.acknowledgement?.decision}).`;
    return say(text, `Attestation ${out.attestationHash.slice(0, 12)}`);
  };
  const restoreForm = async (system: string, i: Incoming): Promise<Reply> => {
    if (system) {
      const { check } = await deps.followUps.checkFor(i.actor, system);
      return restoreTestForm(check.system, check.name);
    }
    const mine = i.actor.personId ? (await currentFailures(store(), { ownerId: i.actor.personId })).failing : [];
    if (mine.length === 0) return say('Which system? Say `restore-test <system>`, e.g. `restore-test billing-db`.');
    return {
      text: 'Which system did you test?',
      blocks: [
        { type: 'text', text: 'Which system did you test? For one not listed, say `restore-test <system>`.' },
        {
          type: 'buttons',
          buttons: mine.slice(0, 10).map((r) => ({ label: r.system, action: 'backup.restore-test', value: r.system })),
        },
      ],
    };
  };
  const restoreSubmit = async (system: string, i: Incoming): Promise<Reply> => {
    const out = await deps.followUps.recordRestoreTest({ actor: i.actor, system, fields: i.action?.fields ?? {} });
    const t = out.test;
    const text = out.recorded
      ? `✅ Restore test of ${out.check.name} recorded: ${t.testedAt.toISOString().slice(0, 10)}, ${t.restoreMinutes} min, ${t.result}. The next backup check counts it.`
      : `Already recorded: this restore test of ${out.check.name}.`;
    return say(text, `Attestation ${out.attestationHash.slice(0, 12)}`);
  };

  return [
    { name: 'backups', select: textIs(/^\s*(my\s+)?backups?\s*$/i), handle: list },
    { name: 'backup.list', select: actionIs('backup.list'), handle: list },
    { name: 'backup.details', select: actionIs('backup.details'), handle: details },
    { name: 'backup.ack', select: actionIs('backup.ack'), handle: (s, i) => acknowledge(s, i) },
    {
      name: 'backup.explain',
      select: actionIs('backup.explain'),
      handle: async (s, i) => explainForm((await deps.followUps.checkFor(i.actor, s)).check),
    },
    {
      name: 'backup.explain.submit',
      select: actionIs('backup.explain.submit'),
      handle: (s, i) => acknowledge(s, i, i.action?.fields?.reason ?? ''),
    },
    {
      name: 'restore-test',
      select: (i) => RESTORE_TEST.exec(i.text ?? '')?.[1] ?? (RESTORE_TEST.test(i.text ?? '') ? '' : null),
      handle: restoreForm,
    },
    { name: 'backup.restore-test', select: actionIs('backup.restore-test'), handle: restoreForm },
    { name: 'backup.restore-test.submit', select: actionIs('backup.restore-test.submit'), handle: restoreSubmit },
  ];
}
