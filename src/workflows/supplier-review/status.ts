import { DOCUMENT_LABELS } from '../../connectors/suppliers';
import type { SupplierRecord } from '../../store/records';

const DAY_MS = 86_400_000;
/** An audit report is taken as current for a year after the end of the period it covers. */
export const REPORT_VALID_MONTHS = 12;

export type SupplierFacts = Pick<
  SupplierRecord,
  'registerReviewedAt' | 'lastReview' | 'documents' | 'policy' | 'status'
>;

export interface DocumentState {
  type: string;
  label: string;
  validUntil: Date;
  state: 'current' | 'expiring' | 'expired';
  /** When it entered that state (start of the expiry window, or the expiry itself). */
  since: Date;
  /** Not yet looked at in a review since it entered that state. */
  pending: boolean;
}

export interface SupplierStatus {
  lastReviewedAt: Date;
  dueOn: Date;
  review: 'overdue' | 'due' | 'not-due';
  documents: DocumentState[];
  /** Something came up since the last review: the owner should answer the questionnaire. */
  pending: boolean;
  /** What the next review answers: the due date, or the document that triggered it. */
  cycle: string;
  /** Short sentences naming what needs attention. */
  concerns: string[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** `d` plus `n` calendar months in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: Date, n: number): Date {
  const out = new Date(d.getTime());
  const target = d.getUTCMonth() + n;
  out.setUTCDate(1);
  out.setUTCMonth(target);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(d.getUTCDate(), last));
  return out;
}

export const documentLabel = (type: string) => DOCUMENT_LABELS[type] ?? type;
export const validUntil = (doc: SupplierRecord['documents'][number]): Date =>
  doc.expires ?? addMonths(doc.periodEnd as Date, REPORT_VALID_MONTHS);

export function lastReviewedAt(s: SupplierFacts): Date {
  const chat = s.lastReview?.at;
  return chat && chat > s.registerReviewedAt ? chat : s.registerReviewedAt;
}

function documentStates(s: SupplierFacts, reviewed: Date, now: Date): DocumentState[] {
  return s.documents.map((doc) => {
    const until = validUntil(doc);
    const windowStart = new Date(until.getTime() - s.policy.expiringWithinDays * DAY_MS);
    const state = now >= until ? 'expired' : now >= windowStart ? 'expiring' : 'current';
    const since = state === 'expired' ? until : windowStart;
    return {
      type: doc.type,
      label: documentLabel(doc.type),
      validUntil: until,
      state,
      since,
      pending: state !== 'current' && reviewed < since,
    };
  });
}

/**
 * Where a supplier stands at `now`, a pure function: its review falls due `cadenceMonths` after
 * the last one (asked `dueWithinDays` ahead, overdue after the date), and each certificate or
 * report needs a look `expiringWithinDays` before it runs out and again once it has. A review
 * answers everything that came up before it.
 */
export function supplierStatus(s: SupplierFacts, now: Date): SupplierStatus {
  const reviewed = lastReviewedAt(s);
  const dueOn = addMonths(reviewed, s.policy.cadenceMonths);
  const askFrom = new Date(dueOn.getTime() - s.policy.dueWithinDays * DAY_MS);
  const review = now > dueOn ? 'overdue' : now >= askFrom ? 'due' : 'not-due';
  const documents = documentStates(s, reviewed, now);
  const pendingDocs = documents.filter((d) => d.pending).sort((a, b) => Number(a.since) - Number(b.since));
  const active = s.status === 'active';
  const pending = active && (review !== 'not-due' || pendingDocs.length > 0);
  const first = pendingDocs[0];
  const cycle =
    review === 'not-due' && first ? `${first.type}-${first.state}-${day(first.validUntil)}` : `review-${day(dueOn)}`;
  const concerns = [
    ...(review === 'overdue' ? [`Review overdue since ${day(dueOn)}.`] : []),
    ...(review === 'due' ? [`Review due by ${day(dueOn)}.`] : []),
    ...documents
      .filter((d) => d.state !== 'current')
      .map((d) => `${d.label} ${d.state === 'expired' ? 'ran out' : 'runs out'} on ${day(d.validUntil)}.`),
  ];
  return { lastReviewedAt: reviewed, dueOn, review, documents, pending, cycle, concerns: active ? concerns : [] };
}

/**
 * The earliest moment the supplier needs attention after its last review (review asked for, or a
 * document entering its expiry window or running out); null for an offboarded supplier. Kept on
 * the stored supplier, so "who needs attention now" is one query.
 */
export function attentionFrom(s: SupplierFacts): Date | null {
  if (s.status !== 'active') return null;
  const reviewed = lastReviewedAt(s);
  const times = [addMonths(reviewed, s.policy.cadenceMonths).getTime() - s.policy.dueWithinDays * DAY_MS];
  for (const doc of s.documents) {
    const until = validUntil(doc).getTime();
    const windowStart = until - s.policy.expiringWithinDays * DAY_MS;
    if (reviewed.getTime() < windowStart) times.push(windowStart);
    else if (reviewed.getTime() < until) times.push(until);
  }
  return new Date(Math.min(...times));
}
