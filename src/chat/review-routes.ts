import { AppError } from '../kernel/errors';
import type { Store } from '../store/port';
import type { Decisions } from '../workflows/access-review/decisions';
import type { Route } from './conversation';
import type { Actor, Block, Incoming, Reply } from './model';
import { decidedReply, type ReviewValue, reasonForm, reviewsReply, statusReply } from './review-replies';

export const COMPLIANCE_LEAD = 'compliance-lead';

const textIs = (re: RegExp) => (i: Incoming) => (re.test(i.text ?? '') ? '' : null);
const actionIs = (id: string) => (i: Incoming) => (i.action?.id === id ? i.action.value : null);

const NOT_IN_DIRECTORY: Reply = {
  text: 'I could not find you in the company directory.',
  blocks: [
    {
      type: 'text',
      text: 'I could not find you in the company directory, so there is nothing for you to review. If that is wrong, ask the compliance lead to check your email in the directory.',
    },
  ],
};

/**
 * The access-review routes of the conversation core: `reviews` and its buttons for reviewers,
 * `status` for compliance leads. Permissions are decided here and in Decisions, for every channel.
 */
export function reviewRoutes(deps: { store: () => Store | null; decisions: Decisions }): Route[] {
  const store = () => {
    const s = deps.store();
    if (!s) throw new AppError('store_unavailable', 'the store is not open');
    return s;
  };
  const listFor = async (actor: Actor): Promise<Reply> => {
    if (!actor.personId) return NOT_IN_DIRECTORY;
    const { open, decided } = await store().reviewItems.forReviewer(actor.personId);
    return reviewsReply(open, { decided, total: decided + open.length });
  };
  const left = async (actor: Actor) =>
    actor.personId ? (await store().reviewItems.forReviewer(actor.personId)).open.length : 0;
  const parse = (raw: string) => JSON.parse(raw) as ReviewValue;

  const decide = async (raw: string, i: Incoming): Promise<Reply> => {
    const v = parse(raw);
    if (v.d === 'keep') {
      const out = await deps.decisions.decide({ actor: i.actor, itemId: v.i, decision: 'keep' });
      return decidedReply(out.item, out.recorded, out.attestationHash, await left(i.actor));
    }
    const item = await deps.decisions.currentItem(v.i, i.actor.personId ?? null);
    if (!item || item.reviewerId !== i.actor.personId)
      throw new AppError('forbidden', 'This review item is not assigned to you.');
    if (item.status === 'decided') return decidedReply(item, false, '', await left(i.actor));
    return reasonForm(item, v.d);
  };
  const submit = async (raw: string, i: Incoming): Promise<Reply> => {
    const v = parse(raw);
    const fields = i.action?.fields ?? {};
    if (v.d === 'delegate') {
      const { item, to } = await deps.decisions.delegate({
        actor: i.actor,
        itemId: v.i,
        to: fields.to ?? '',
        reason: fields.reason ?? '',
      });
      return {
        text: `Handed to ${to.name}.`,
        blocks: [
          {
            type: 'text',
            text: `➡️ ${item.subjectName}, ${item.account} on ${item.system}: handed to ${to.name}. They will be told.`,
          },
        ],
      };
    }
    const out = await deps.decisions.decide({ actor: i.actor, itemId: v.i, decision: v.d, reason: fields.reason });
    return decidedReply(out.item, out.recorded, out.attestationHash, await left(i.actor));
  };
  const keepUnflagged = async (_: string, i: Incoming): Promise<Reply> => {
    const { kept } = await deps.decisions.keepAllUnflagged(i.actor);
    const list = await listFor(i.actor);
    return {
      text: `Kept ${kept} unflagged item(s).`,
      blocks: [{ type: 'text', text: `✅ Kept ${kept} unflagged item(s).` }, ...list.blocks],
    };
  };
  const status = async (_: string, i: Incoming): Promise<Reply> => {
    const person = i.actor.personId ? await store().people.get(i.actor.personId) : null;
    if (!person?.roles.includes(COMPLIANCE_LEAD)) {
      return {
        text: 'Only compliance leads can see the programme status.',
        blocks: [
          {
            type: 'text',
            text: 'Only compliance leads can see the programme status. Try `reviews` for your own items.',
          },
        ],
      };
    }
    return statusReply(await campaignProgress(store()));
  };

  return [
    { name: 'reviews', select: textIs(/^\s*(my\s+)?reviews?\s*$/i), handle: (_, i) => listFor(i.actor) },
    { name: 'review.list', select: actionIs('review.list'), handle: (_, i) => listFor(i.actor) },
    { name: 'review.decide', select: actionIs('review.decide'), handle: decide },
    { name: 'review.submit', select: actionIs('review.submit'), handle: submit },
    { name: 'review.keep-unflagged', select: actionIs('review.keep-unflagged'), handle: keepUnflagged },
    { name: 'status', select: textIs(/^\s*status\s*$/i), handle: status },
    { name: 'digest.status', select: actionIs('digest.status'), handle: status },
  ];
}

/** Open campaigns with completion and the number of reviewers who still have items after the due date. */
export async function campaignProgress(store: Store, now = new Date()) {
  const open = await store.campaigns.list({ status: 'open' });
  return Promise.all(
    open.map(async (campaign) => {
      const openItems = await store.reviewItems.openInCampaign(campaign._id);
      const total = await store.reviewItems.count({ campaignId: campaign._id });
      const lateReviewers = campaign.dueAt < now ? new Set(openItems.map((i) => i.reviewerId)).size : 0;
      return { campaign, decided: total - openItems.length, total, lateReviewers };
    }),
  );
}

/** The home view's part for reviews: how many items wait, with a button to list them. */
export async function waitingBlocks(store: Store | null, actor: Actor): Promise<Block[]> {
  if (!store || !actor.personId) return [];
  const open = (await store.reviewItems.forReviewer(actor.personId)).open.length;
  if (open === 0) return [];
  return [
    { type: 'section', title: 'Access review', text: `${open} item(s) wait for your decision.` },
    { type: 'buttons', buttons: [{ label: 'Review now', action: 'review.list', value: '', style: 'primary' }] },
  ];
}
