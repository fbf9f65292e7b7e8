import type { Outbox } from '../outbox/outbox';
import type { Store } from '../store/port';
import { chatTargets, step } from '../workflows/access-review/handler';
import type { KindHandler } from '../workflows/engine';
import { composeDigest } from './compose';
import type { SectionProvider } from './section';

const DAY_MS = 86_400_000;
export const COMPLIANCE_LEAD = 'compliance-lead';

/** Where the previous digest of this workflow left off: its slot, or one period back. */
export async function digestWindow(store: Store, workflow: string, period: 'daily' | 'weekly', slot: Date) {
  const runs = await store.runs.list({ workflow, limit: 5 });
  const previous = runs.map((r) => new Date(r.slot)).find((s) => s < slot);
  return { now: slot, since: previous ?? new Date(slot.getTime() - (period === 'daily' ? 1 : 7) * DAY_MS) };
}

/**
 * The digest kind: composes the digest for the slot and queues it for every compliance lead (in
 * each chat they are linked to) and the workflow's channels. Dedupe keys name the lead and the
 * slot, so a restart or a caught-up slot never sends the same period twice.
 */
export function digestHandler(deps: {
  store: () => Store | null;
  outbox: () => Outbox | null;
  providers: readonly SectionProvider[];
}): KindHandler {
  return async (def, slot, { log }) => {
    if (def.kind !== 'digest') throw new Error(`digest handler given a ${def.kind} workflow`);
    const store = deps.store();
    if (!store) throw new Error('the store is not open');
    const window = await digestWindow(store, def.name, def.digest.period, slot);
    let digest: Awaited<ReturnType<typeof composeDigest>> | undefined;
    const steps = [
      await step(
        'compose',
        async () => {
          digest = await composeDigest(store, deps.providers, window);
          return digest.reply.text;
        },
        log,
      ),
    ];
    if (!digest) return steps;
    const reply = digest.reply;
    steps.push(
      await step(
        'send',
        async () => {
          const outbox = deps.outbox();
          if (!outbox) return 'no chat configured; see `controlbot digest preview`';
          const leads = await store.people.list({ role: COMPLIANCE_LEAD, status: 'active' });
          let queued = 0;
          let unreachable = 0;
          const key = `digest:${def.name}:${slot.toISOString()}`;
          for (const lead of leads) {
            const targets = chatTargets(lead);
            if (targets.length === 0) unreachable += 1;
            for (const t of targets) {
              const sent = await outbox.send({
                dedupeKey: `${key}:${lead._id}:${t.platform}`,
                ...t,
                kind: 'digest',
                reply,
              });
              if (sent.created) queued += 1;
            }
          }
          for (const channel of def.digest.channels ?? []) {
            const sent = await outbox.send({
              dedupeKey: `${key}:channel:${channel}`,
              platform: 'slack',
              target: channel,
              kind: 'digest',
              reply,
            });
            if (sent.created) queued += 1;
          }
          return `${queued} message(s) queued for ${leads.length} compliance lead(s); ${unreachable} not linked to a chat yet`;
        },
        log,
      ),
    );
    return steps;
  };
}
