import type { CampaignRecord, ReviewItemRecord } from '../store/records';
import { FLAG_LABELS, type Flag } from '../workflows/access-review/flags';
import type { Block, Reply } from './model';

/** Most items one message shows; Slack allows 50 blocks and people read a screenful. */
export const PAGE_ITEMS = 12;

/** What a review button carries: the item and the decision. */
export interface ReviewValue {
  i: string;
  d: 'keep' | 'revoke' | 'modify' | 'delegate';
}
const value = (i: string, d: ReviewValue['d']) => JSON.stringify({ i, d } satisfies ReviewValue);

const flagText = (flags: readonly string[]) =>
  flags.length ? ` ⚠️ ${flags.map((f) => FLAG_LABELS[f as Flag] ?? f).join(', ')}` : '';

const facts = (item: ReviewItemRecord) => {
  const last = item.facts.lastLogin ? `last login ${String(item.facts.lastLogin).slice(0, 10)}` : 'never logged in';
  return `\`${item.account}\` · ${item.entitlement} · ${last}${flagText(item.flags)}`;
};

/** Flagged first (more flags first), then by holder, so a reviewer sees the risky ones at once. */
export const reviewOrder = (a: ReviewItemRecord, b: ReviewItemRecord) =>
  b.flags.length - a.flags.length || a.subjectName.localeCompare(b.subjectName) || a.position - b.position;

/** A reviewer's open items, grouped by person, flagged first, each with Keep / Revoke / Modify / Delegate. */
export function reviewsReply(items: readonly ReviewItemRecord[], progress: { decided: number; total: number }): Reply {
  if (items.length === 0) {
    return {
      text: 'No access review items are waiting for you.',
      blocks: [{ type: 'text', text: `No access review items are waiting for you. ${progressText(progress)}` }],
    };
  }
  const shown = [...items].sort(reviewOrder).slice(0, PAGE_ITEMS);
  const blocks: Block[] = [
    { type: 'text', text: `*Access review:* ${items.length} item(s) waiting for you. ${progressText(progress)}` },
  ];
  let holder = '';
  for (const item of shown) {
    if (item.subjectName !== holder) {
      holder = item.subjectName;
      blocks.push({ type: 'context', text: `👤 ${holder}` });
    }
    blocks.push({ type: 'section', title: item.system, text: facts(item) });
    blocks.push({
      type: 'buttons',
      buttons: [
        { label: 'Keep', action: 'review.decide', value: value(item._id, 'keep'), style: 'primary' },
        { label: 'Revoke', action: 'review.decide', value: value(item._id, 'revoke'), style: 'danger' },
        { label: 'Modify', action: 'review.decide', value: value(item._id, 'modify') },
        { label: 'Delegate', action: 'review.decide', value: value(item._id, 'delegate') },
      ],
    });
  }
  const unflagged = items.filter((i) => i.flags.length === 0).length;
  const more = items.length - shown.length;
  blocks.push({
    type: 'buttons',
    buttons: [
      ...(unflagged > 0
        ? [{ label: `Keep all unflagged (${unflagged})`, action: 'review.keep-unflagged', value: '' }]
        : []),
      ...(more > 0 ? [{ label: `Show more (${more} more)`, action: 'review.list', value: '' }] : []),
    ],
  });
  return { text: `${items.length} access review item(s) waiting for you`, blocks: blocks.filter(nonEmpty) };
}

const nonEmpty = (b: Block) => b.type !== 'buttons' || b.buttons.length > 0;
const progressText = (p: { decided: number; total: number }) =>
  p.total > 0 ? `You have decided ${p.decided} of ${p.total}.` : '';

/** The form a Revoke, Modify or Delegate press opens: a reason (and, to delegate, who). */
export function reasonForm(item: ReviewItemRecord, decision: Exclude<ReviewValue['d'], 'keep'>): Reply {
  const what = `${item.subjectName}: ${item.account} on ${item.system} (${item.entitlement})`;
  const fields =
    decision === 'delegate'
      ? [
          { name: 'to', label: 'Hand it to (email or person id)', required: true },
          { name: 'reason', label: 'Why?', multiline: true, required: true },
        ]
      : [
          {
            name: 'reason',
            label: decision === 'revoke' ? 'Why revoke it?' : 'What should change, and why?',
            multiline: true,
            required: true,
          },
        ];
  const title = { revoke: 'Revoke access', modify: 'Modify access', delegate: 'Delegate review' }[decision];
  return {
    text: `${title}: ${what}`,
    blocks: [
      { type: 'text', text: what },
      {
        type: 'form',
        title,
        submit: { label: title, action: 'review.submit', value: value(item._id, decision) },
        fields,
      },
    ],
  };
}

export function decidedReply(item: ReviewItemRecord, recorded: boolean, hash: string, left: number): Reply {
  const verb =
    { keep: 'Kept', revoke: 'Revocation recorded', modify: 'Change recorded' }[item.decision as 'keep'] ?? 'Recorded';
  const text = recorded
    ? `${verb}: ${item.subjectName}, ${item.account} on ${item.system}.`
    : `Already recorded: ${item.subjectName}, ${item.account} on ${item.system} (${item.decision}).`;
  return {
    text,
    blocks: [
      { type: 'text', text: `✅ ${text}` },
      { type: 'context', text: `Attestation ${hash.slice(0, 12)} · ${left} item(s) left for you.` },
      ...(left > 0
        ? [{ type: 'buttons' as const, buttons: [{ label: 'Next items', action: 'review.list', value: '' }] }]
        : []),
    ],
  };
}

/** For compliance leads: every open campaign with its completion and how many reviewers are late. */
export function statusReply(
  rows: { campaign: CampaignRecord; decided: number; total: number; lateReviewers: number }[],
): Reply {
  if (rows.length === 0)
    return {
      text: 'No access review campaign is open.',
      blocks: [{ type: 'text', text: 'No access review campaign is open.' }],
    };
  return {
    text: `${rows.length} open campaign(s)`,
    blocks: rows.map(({ campaign, decided, total, lateReviewers }) => ({
      type: 'section' as const,
      title: campaign.name,
      text: `${decided} of ${total} decided (${total ? Math.floor((decided / total) * 100) : 100}%)`,
      fields: [
        { label: 'Due', value: campaign.dueAt.toISOString().slice(0, 10) },
        { label: 'Late reviewers', value: String(lateReviewers) },
      ],
    })),
  };
}
