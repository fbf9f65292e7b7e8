import type { Actor } from '../../chat/model';
import { type Clock, systemClock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { type Logger, silentLogger } from '../../kernel/logger';
import type { Ledger } from '../../ledger/ledger';
import type { Store } from '../../store/port';
import type { AttestationRecord, PersonRecord, SupplierRecord } from '../../store/records';
import { parseAnswers } from './questionnaire';
import { attentionFrom, supplierStatus, validUntil } from './status';

export const COMPLIANCE_LEAD = 'compliance-lead';

export interface AnswerOutcome {
  supplier: SupplierRecord;
  /** False when this cycle's review was already recorded (a double click, or owner and lead both). */
  recorded: boolean;
  decision: string;
  attestationHash: string;
}

/**
 * Supplier-review answers, for every channel: who may answer (the supplier's owner or a compliance
 * lead, from the directory), what a valid answer is, and what it leaves behind: one supplier-review
 * attestation per supplier and cycle (its idempotency key settles double clicks and races), then
 * the supplier's last review in the store.
 */
export function createSupplierReviews(options: {
  store: () => Store;
  ledger: () => Ledger;
  clock?: Clock;
  log?: Logger;
}) {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;

  /** The supplier, if the actor may answer for it. */
  async function supplierFor(actor: Actor, id: string): Promise<{ person: PersonRecord; supplier: SupplierRecord }> {
    const person = actor.personId ? await options.store().people.get(actor.personId) : null;
    if (person?.status !== 'active') {
      throw new AppError('forbidden', 'Only people in the company directory can answer supplier reviews.');
    }
    const supplier = await options.store().suppliers.get(id);
    if (!supplier) throw new AppError('not_found', 'That supplier is not in the register any more.');
    if (supplier.ownerId !== person._id && !person.roles.includes(COMPLIANCE_LEAD)) {
      log.warn(
        { platform: actor.platform, user: actor.userId, personId: person._id, supplier: id },
        'refused a supplier review by someone who does not own it',
      );
      throw new AppError(
        'forbidden',
        `${supplier.name} is not yours: only its owner or a compliance lead can review it.`,
      );
    }
    return { person, supplier };
  }

  /** Brings the stored supplier in line with a recorded review (again, harmlessly, on a retry). */
  async function apply(supplier: SupplierRecord, record: AttestationRecord, cycle: string) {
    const lastReview = {
      cycle,
      decision: record.decision,
      notes: record.comment,
      at: record.at,
      by: String((record.evidence as { reviewer?: string }).reviewer ?? record.actor.id),
      byName: record.actor.name,
      attestationId: record.id,
    };
    const reviewed = { ...supplier, lastReview };
    const next = { ...reviewed, attentionFrom: attentionFrom(reviewed) };
    await options.store().suppliers.noteReview(next);
    return next;
  }

  async function answer(input: {
    actor: Actor;
    supplierId: string;
    cycle: string;
    fields: Record<string, string | undefined>;
  }): Promise<AnswerOutcome> {
    const answers = parseAnswers(input.fields);
    const { person, supplier } = await supplierFor(input.actor, input.supplierId);
    const key = `supplier-review:${supplier._id}:${input.cycle}`;
    const [done] = await options.store().attestations.byIdempotencyKeys([key]);
    if (done) {
      // Completes a review whose store update was cut off; never rolls back a newer one.
      const behind = !supplier.lastReview || supplier.lastReview.at < done.at;
      const applied = behind ? await apply(supplier, done, input.cycle) : supplier;
      return { supplier: applied, recorded: false, decision: done.decision, attestationHash: done.hash };
    }
    const status = supplierStatus(supplier, clock.now());
    if (status.cycle !== input.cycle) {
      throw new AppError(
        'conflict',
        `This review card of ${supplier.name} is out of date. Say \`suppliers\` for the current one.`,
      );
    }
    const { record, created } = await options.ledger().record({
      type: 'supplier-review',
      subject: supplier._id,
      controlIds: supplier.controlIds,
      actor: { id: person.email, name: person.name, platform: input.actor.platform },
      decision: answers.decision,
      comment: answers.notes,
      evidence: {
        supplier: supplier._id,
        name: supplier.name,
        tier: supplier.tier,
        cycle: input.cycle,
        reviewer: person._id,
        owner: supplier.ownerId,
        stillInUse: answers.stillInUse,
        dataSharedChanged: answers.dataSharedChanged,
        incidents: answers.incidents,
        documentsCurrent: answers.documentsCurrent,
        concerns: status.concerns,
        documents: supplier.documents.map((d) => ({
          type: d.type,
          validUntil: validUntil(d).toISOString().slice(0, 10),
        })),
      },
      idempotencyKey: key,
    });
    const applied = await apply(supplier, record, input.cycle);
    return { supplier: applied, recorded: created, decision: record.decision, attestationHash: record.hash };
  }

  return { supplierFor, answer };
}

export type SupplierReviews = ReturnType<typeof createSupplierReviews>;
