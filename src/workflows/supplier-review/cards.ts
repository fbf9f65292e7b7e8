import type { Block, Reply } from '../../chat/model';
import type { SupplierRecord } from '../../store/records';
import { QUESTIONS } from './questionnaire';
import type { SupplierStatus } from './status';

/** What a review form or button carries: the supplier and the review cycle it answers. */
export interface SupplierValue {
  s: string;
  c: string;
}
export const supplierValue = (s: SupplierRecord, status: SupplierStatus) =>
  JSON.stringify({ s: s._id, c: status.cycle } satisfies SupplierValue);

export const PAGE_SUPPLIERS = 10;
const day = (d: Date) => d.toISOString().slice(0, 10);
const icon = (st: SupplierStatus) =>
  st.review === 'overdue' ? '🔴' : st.documents.some((d) => d.state === 'expired') ? '🟠' : '🟡';

function factsSection(s: SupplierRecord, st: SupplierStatus, ownerName?: string): Block {
  return {
    type: 'section',
    title: `${s.name}: ${s.service}`,
    text: st.concerns.join('\n') || 'Nothing is due.',
    fields: [
      { label: 'Tier', value: s.tier },
      { label: 'Data shared', value: s.dataShared.join(', ') || 'none' },
      { label: 'Last review', value: day(st.lastReviewedAt) },
      { label: 'Next review due', value: day(st.dueOn) },
      ...(ownerName ? [{ label: 'Owner', value: ownerName }] : []),
      ...st.documents.map((d) => ({
        label: d.label,
        value: `${d.state === 'expired' ? 'ran out' : 'valid until'} ${day(d.validUntil)}`,
      })),
    ],
  };
}

/** The card an owner gets: the supplier's facts, what came up, and the questionnaire. */
export function reviewCard(s: SupplierRecord, st: SupplierStatus): Reply {
  return {
    text: `Supplier review: ${s.name}. ${st.concerns.join(' ')}`.trim(),
    blocks: [
      {
        type: 'text',
        text: `*Supplier review:* you own *${s.name}*. Please answer a few questions so the review is on record.`,
      },
      factsSection(s, st),
      {
        type: 'form',
        title: `Review ${s.name}`.slice(0, 60),
        submit: { label: 'Submit review', action: 'supplier.review.submit', value: supplierValue(s, st) },
        fields: QUESTIONS,
      },
    ],
  };
}

/** The note compliance leads get, once per cycle, when a review is overdue. */
export function escalationCard(s: SupplierRecord, st: SupplierStatus, ownerName: string): Reply {
  const text = `The review of ${s.name} (${s.tier}) is overdue since ${day(st.dueOn)}; ${ownerName} owns it.`;
  return {
    text,
    blocks: [
      { type: 'text', text: `⏰ ${text} Could you follow up, or answer it yourself?` },
      {
        type: 'buttons',
        buttons: [{ label: 'Open review', action: 'supplier.details', value: s._id, style: 'primary' }],
      },
    ],
  };
}

/** `suppliers`: the suppliers needing attention (the actor's, or all for a compliance lead). */
export function supplierListReply(
  items: { supplier: SupplierRecord; status: SupplierStatus }[],
  scope: 'mine' | 'all',
): Reply {
  if (items.length === 0) {
    const text =
      scope === 'mine' ? 'None of your suppliers needs a review right now.' : 'No supplier needs a review right now.';
    return { text, blocks: [{ type: 'text', text: `✅ ${text}` }] };
  }
  const n = items.length;
  const head =
    scope === 'mine'
      ? `${n} of your suppliers ${n === 1 ? 'needs' : 'need'} a review.`
      : `${n} ${n === 1 ? 'supplier needs' : 'suppliers need'} a review.`;
  const shown = items.slice(0, PAGE_SUPPLIERS);
  const more = items.length - shown.length;
  return {
    text: head,
    blocks: [
      { type: 'text', text: `*Suppliers:* ${head}` },
      ...shown.flatMap(({ supplier, status }): Block[] => [
        {
          type: 'section',
          title: `${icon(status)} ${supplier.name} (${supplier.tier})`,
          text: status.concerns.join('\n'),
        },
        { type: 'buttons', buttons: [{ label: 'Review', action: 'supplier.details', value: supplier._id }] },
      ]),
      ...(more > 0 ? [{ type: 'context' as const, text: `… and ${more} more.` }] : []),
    ],
  };
}

/** One supplier in full, with the questionnaire when it may be answered now. */
export function supplierDetailsReply(s: SupplierRecord, st: SupplierStatus, ownerName: string): Reply {
  const last = s.lastReview
    ? `Last answered by ${s.lastReview.byName} on ${day(s.lastReview.at)}: ${s.lastReview.decision}.`
    : null;
  return {
    text: `${s.name}: ${st.concerns.join(' ') || 'nothing is due'}`,
    blocks: [
      factsSection(s, st, ownerName),
      ...(last ? [{ type: 'context' as const, text: last }] : []),
      ...(s.status === 'active'
        ? [
            {
              type: 'form' as const,
              title: `Review ${s.name}`.slice(0, 60),
              submit: { label: 'Submit review', action: 'supplier.review.submit', value: supplierValue(s, st) },
              fields: QUESTIONS,
            },
          ]
        : [{ type: 'context' as const, text: 'This supplier is offboarded.' }]),
    ],
  };
}

export function answeredReply(
  s: SupplierRecord,
  recorded: boolean,
  decision: string,
  hash: string,
  nextDue: Date,
): Reply {
  const text = recorded
    ? `Review of ${s.name} recorded: ${decision}. The next review is due on ${day(nextDue)}.`
    : `The review of ${s.name} was already recorded (${decision}).`;
  const offboard = decision === 'offboard' ? ' Please also mark it offboarded in the supplier register.' : '';
  return {
    text,
    blocks: [
      { type: 'text', text: `✅ ${text}${offboard}` },
      { type: 'context', text: `Attestation ${hash.slice(0, 12)}` },
    ],
  };
}
