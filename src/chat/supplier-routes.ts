import { type Clock, systemClock } from '../kernel/clock';
import { AppError } from '../kernel/errors';
import type { Store } from '../store/port';
import { COMPLIANCE_LEAD, type SupplierReviews } from '../workflows/supplier-review/answers';
import {
  answeredReply,
  type SupplierValue,
  supplierDetailsReply,
  supplierListReply,
} from '../workflows/supplier-review/cards';
import { supplierStatus } from '../workflows/supplier-review/status';
import type { Route } from './conversation';
import type { Incoming, Reply } from './model';

const textIs = (re: RegExp) => (i: Incoming) => (re.test(i.text ?? '') ? '' : null);
const actionIs = (id: string) => (i: Incoming) => (i.action?.id === id ? i.action.value : null);

function parseValue(raw: string): SupplierValue {
  try {
    const v = JSON.parse(raw) as Partial<SupplierValue>;
    if (typeof v.s === 'string' && typeof v.c === 'string') return { s: v.s, c: v.c };
  } catch {
    // reported below: a value we did not write
  }
  throw new AppError('invalid_input', 'That review form is not one I sent. Say `suppliers` for your reviews.');
}

/**
 * The supplier routes of the conversation core: `suppliers` lists the suppliers needing a review
 * (an owner's own, every one for a compliance lead), a supplier's card carries the questionnaire,
 * and its submission is recorded through SupplierReviews, which decides who may answer.
 */
export function supplierRoutes(deps: { store: () => Store | null; reviews: SupplierReviews; clock?: Clock }): Route[] {
  const clock = deps.clock ?? systemClock;
  const store = () => {
    const s = deps.store();
    if (!s) throw new AppError('store_unavailable', 'the store is not open');
    return s;
  };

  const list = async (_: string, i: Incoming): Promise<Reply> => {
    const person = i.actor.personId ? await store().people.get(i.actor.personId) : null;
    if (!person) {
      const text = 'I could not find you in the company directory, so no suppliers are yours to review.';
      return { text, blocks: [{ type: 'text', text }] };
    }
    const now = clock.now();
    const lead = person.roles.includes(COMPLIANCE_LEAD);
    const items = (await store().suppliers.needingAttention(now))
      .filter((s) => lead || s.ownerId === person._id)
      .map((supplier) => ({ supplier, status: supplierStatus(supplier, now) }))
      .filter((x) => x.status.pending);
    return supplierListReply(items, lead ? 'all' : 'mine');
  };
  const details = async (id: string, i: Incoming): Promise<Reply> => {
    const { supplier } = await deps.reviews.supplierFor(i.actor, id);
    const owner = await store().people.get(supplier.ownerId);
    return supplierDetailsReply(supplier, supplierStatus(supplier, clock.now()), owner?.name ?? supplier.ownerId);
  };
  const submit = async (raw: string, i: Incoming): Promise<Reply> => {
    const v = parseValue(raw);
    const out = await deps.reviews.answer({
      actor: i.actor,
      supplierId: v.s,
      cycle: v.c,
      fields: i.action?.fields ?? {},
    });
    const next = supplierStatus(out.supplier, clock.now());
    return answeredReply(out.supplier, out.recorded, out.decision, out.attestationHash, next.dueOn);
  };

  return [
    { name: 'suppliers', select: textIs(/^\s*(my\s+)?suppliers?\s*$/i), handle: list },
    { name: 'supplier.list', select: actionIs('supplier.list'), handle: list },
    { name: 'supplier.details', select: actionIs('supplier.details'), handle: details },
    { name: 'supplier.review.submit', select: actionIs('supplier.review.submit'), handle: submit },
  ];
}
