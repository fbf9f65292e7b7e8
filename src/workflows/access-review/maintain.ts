import type { Reply } from '../../chat/model';
import type { Logger } from '../../kernel/logger';
import type { Ledger } from '../../ledger/ledger';
import type { Outbox } from '../../outbox/outbox';
import type { Store } from '../../store/port';
import type { CampaignRecord, PersonRecord } from '../../store/records';
import type { AccessReviewWorkflow, WorkflowDefinition } from '../definition';
import { closeCampaign } from './close';
import { type FollowUp, followUps, type ReviewerState } from './follow-up';
import { chatTargets } from './handler';

export interface MaintenanceDeps {
  store: () => Store | null;
  ledger: () => Ledger | null;
  outbox: () => Outbox | null;
  workflows: readonly WorkflowDefinition[];
  exportsDir: string;
}

const COMPLIANCE_LEAD = 'compliance-lead';

const message = (text: string, withButton = true): Reply => ({
  text,
  blocks: [
    { type: 'text', text },
    ...(withButton
      ? [
          {
            type: 'buttons' as const,
            buttons: [{ label: 'Review now', action: 'review.list', value: '', style: 'primary' as const }],
          },
        ]
      : []),
  ],
});

async function tell(outbox: Outbox | null, people: PersonRecord[], dedupeKey: string, kind: string, reply: Reply) {
  let queued = 0;
  for (const person of people) {
    for (const t of chatTargets(person)) {
      if (!outbox) continue;
      const { created } = await outbox.send({
        dedupeKey: `${dedupeKey}:${person._id}:${t.platform}`,
        ...t,
        kind,
        reply,
      });
      if (created) queued += 1;
    }
  }
  return queued;
}

/** Open items per reviewer of one campaign, with their reminder state (kept on the campaign). */
async function reviewerStates(store: Store, campaign: CampaignRecord) {
  const states = new Map<string, ReviewerState>();
  for (const item of await store.reviewItems.openInCampaign(campaign._id)) {
    const known = campaign.followUps?.[item.reviewerId.replace(/[.$]/g, '_')];
    const s = states.get(item.reviewerId) ?? {
      reviewerId: item.reviewerId,
      open: 0,
      lastRemindedAt: known?.lastRemindedAt ? new Date(known.lastRemindedAt) : null,
      escalationLevel: known?.escalationLevel ?? 0,
    };
    s.open += 1;
    states.set(item.reviewerId, s);
  }
  return [...states.values()];
}

async function followUp(
  store: Store,
  outbox: Outbox | null,
  campaign: CampaignRecord,
  state: ReviewerState,
  f: FollowUp,
  now: Date,
) {
  const reviewer = await store.people.get(state.reviewerId);
  const name = reviewer?.name ?? state.reviewerId;
  if (f.kind === 'reminder') {
    const text = f.overdue
      ? `⏰ The access review "${campaign.name}" is overdue: ${state.open} item(s) still wait for you.`
      : `Reminder: ${state.open} access review item(s) wait for you in "${campaign.name}" (due ${campaign.dueAt.toISOString().slice(0, 10)}).`;
    await tell(outbox, reviewer ? [reviewer] : [], f.dedupeKey, 'review.reminder', message(text));
    await store.campaigns.noteFollowUp(campaign._id, state.reviewerId, { lastRemindedAt: now });
    return;
  }
  const to: (PersonRecord | null)[] =
    f.to === 'manager'
      ? await Promise.all([reviewer?.managerId ? store.people.get(reviewer.managerId) : null])
      : await store.people.list({ role: COMPLIANCE_LEAD, status: 'active' });
  const text = `${name} has ${state.open} open item(s) in the access review "${campaign.name}" (due ${campaign.dueAt.toISOString().slice(0, 10)}). Could you nudge them, or reassign?`;
  await tell(
    outbox,
    to.filter((p): p is PersonRecord => p !== null),
    f.dedupeKey,
    'review.escalation',
    message(text, false),
  );
  await store.campaigns.noteFollowUp(campaign._id, state.reviewerId, { escalationLevel: f.level });
}

/**
 * The periodic pass over open access-review campaigns: reminders and escalations that are due,
 * and closing what is due or fully decided (then the compliance leads are told).
 */
export function accessReviewMaintenance(deps: MaintenanceDeps) {
  const defs = new Map(
    deps.workflows.filter((w): w is AccessReviewWorkflow => w.kind === 'access-review').map((w) => [w.name, w]),
  );
  return async (now: Date, log: Logger) => {
    const store = deps.store();
    const ledger = deps.ledger();
    if (!store || !ledger) return;
    const outbox = deps.outbox();
    for (const campaign of await store.campaigns.list({ status: 'open' })) {
      const def = defs.get(campaign.workflow);
      if (!def) continue;
      const states = await reviewerStates(store, campaign);
      const open = states.reduce((n, st) => n + st.open, 0);
      await store.campaigns.noteProgress(campaign._id, {
        open,
        decided: Number(campaign.summary.items ?? 0) - open,
        openByReviewer: Object.fromEntries(states.map((st) => [st.reviewerId, st.open])),
        at: now,
      });
      if (now >= campaign.dueAt || states.length === 0) {
        const closed = await closeCampaign({ store, ledger, campaign, def, exportsDir: deps.exportsDir, now, log });
        const leads = await store.people.list({ role: COMPLIANCE_LEAD, status: 'active' });
        const text = `The access review "${campaign.name}" is closed: ${Object.entries(
          closed.summary.decisions as object,
        )
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}. ${closed.remediation.rows} change(s) for IT are in the remediation list.`;
        await tell(outbox, leads, `campaign-closed:${campaign._id}`, 'review.closed', message(text, false));
        continue;
      }
      for (const state of states) {
        for (const f of followUps(campaign, state, def.accessReview, def.timezone, now)) {
          await followUp(store, outbox, campaign, state, f, now).catch((err: Error) =>
            log.error({ campaign: campaign._id, reviewer: state.reviewerId, err: err.message }, 'follow-up failed'),
          );
        }
      }
    }
  };
}
