import path from 'node:path';
import { SourceProblems } from '../../connectors/read-source';
import type { Outbox } from '../../outbox/outbox';
import type { Store } from '../../store/port';
import type { StepResult, SupplierRecord } from '../../store/records';
import { step } from '../access-review/handler';
import type { KindHandler } from '../engine';
import { type Notice, queueNotices } from '../notify';
import { syncDirectoryFile } from '../sync-directory';
import { escalationCard, reviewCard } from './cards';
import { loadRegister } from './register';
import { type SupplierStatus, supplierStatus } from './status';

export const COMPLIANCE_LEAD = 'compliance-lead';

export interface SupplierReviewDeps {
  store: () => Store | null;
  outbox: () => Outbox | null;
  root: string;
}

/**
 * Sends each pending supplier's owner a review card (once per supplier and cycle), and tells the
 * compliance leads, once per supplier and cycle, about every review that is overdue.
 */
async function notify(
  store: Store,
  outbox: Outbox | null,
  pending: { supplier: SupplierRecord; status: SupplierStatus }[],
) {
  const overdue = pending.filter((p) => p.status.review === 'overdue');
  const counts = `${pending.length} supplier(s) need a review, ${overdue.length} overdue`;
  if (!outbox) return `${counts}; no chat configured: owners see them with \`suppliers\``;
  const people = new Map((await store.people.list()).map((p) => [p._id, p]));
  const leads = [...people.values()].filter((p) => p.status === 'active' && p.roles.includes(COMPLIANCE_LEAD));
  const cards: Notice[] = pending.map(({ supplier, status }) => ({
    person: people.get(supplier.ownerId),
    dedupeKey: `supplier-review:${supplier._id}:${status.cycle}`,
    kind: 'supplier.review',
    reply: reviewCard(supplier, status),
  }));
  const escalations: Notice[] = overdue.flatMap(({ supplier, status }) =>
    leads.map((lead) => ({
      person: lead,
      dedupeKey: `supplier-overdue:${supplier._id}:${status.cycle}`,
      kind: 'supplier.escalation',
      reply: escalationCard(supplier, status, people.get(supplier.ownerId)?.name ?? supplier.ownerId),
    })),
  );
  const sent = await queueNotices(outbox, cards);
  const escalated = await queueNotices(outbox, escalations);
  return `${counts}; ${sent.queued} review card(s) and ${escalated.queued} escalation(s) queued; ${sent.unreachable} card(s) not sent: owner not in the directory or not linked to a chat (they see it with \`suppliers\`)`;
}

/**
 * The supplier-review kind: load the register into the store, then find the suppliers whose
 * review is due or overdue, or whose certificates and reports run out, and ask their owners.
 */
export function supplierReviewHandler(deps: SupplierReviewDeps): KindHandler {
  return async (def, _slot, { now, log }) => {
    if (def.kind !== 'supplier-review') throw new Error(`supplier-review handler given a ${def.kind} workflow`);
    const store = deps.store();
    if (!store) throw new Error('the store is not open');
    const problems = new SourceProblems();
    const steps: StepResult[] = [
      await step(
        'load register',
        async () => {
          const people = def.supplierReview.people;
          if (people) await syncDirectoryFile(store, path.resolve(deps.root, people), problems, now);
          const loaded = await loadRegister({ store, def, root: deps.root, problems, now });
          if (problems.count > 0)
            log.warn({ problems: problems.first.slice(0, 20).map(String) }, 'source rows skipped');
          const skipped = problems.count ? `; ${problems.count} row(s) skipped, first: ${problems.first[0]}` : '';
          return `${loaded.suppliers} supplier(s): ${loaded.added} added, ${loaded.changed} changed, ${loaded.removed} no longer listed; ${loaded.watched} to watch${skipped}`;
        },
        log,
      ),
    ];
    if (steps[0]?.status !== 'pass') return steps;
    steps.push(
      await step(
        'ask owners',
        async () => {
          const pending = (await store.suppliers.list({ workflow: def.name }))
            .map((supplier) => ({ supplier, status: supplierStatus(supplier, now) }))
            .filter((p) => p.status.pending);
          return notify(store, deps.outbox(), pending);
        },
        log,
      ),
    );
    return steps;
  };
}
