import type { Logger } from '../../kernel/logger';
import type { Outbox } from '../../outbox/outbox';
import type { Store } from '../../store/port';
import type { PersonRecord, Platform, StepResult } from '../../store/records';
import type { KindHandler } from '../engine';
import { createCampaign } from './campaign';

/** Times one step and turns a throw into an `error` result, so one failed step never hides the others. */
export async function step(name: string, fn: () => Promise<string>, log: Logger): Promise<StepResult> {
  const started = Date.now();
  try {
    return { name, status: 'pass', detail: await fn(), durationMs: Date.now() - started };
  } catch (err) {
    log.error({ step: name, err: (err as Error).message }, 'workflow step failed');
    return { name, status: 'error', detail: (err as Error).message, durationMs: Date.now() - started };
  }
}

/** Where a person can be reached in chat: their linked chat ids (`slack:T:U` → Slack user U). */
export function chatTargets(person: PersonRecord): { platform: Platform; target: string }[] {
  return person.chatIds.flatMap((id): { platform: Platform; target: string }[] => {
    const [platform, ...rest] = id.split(':');
    if (platform === 'slack') return [{ platform: 'slack' as const, target: rest.at(-1) ?? '' }];
    if (platform === 'teams') return [{ platform: 'teams' as const, target: rest.join(':') }];
    return [];
  });
}

/**
 * The access-review kind: create (or finish creating) the slot's campaign, then tell each reviewer
 * in chat how many items wait. A reviewer not linked to any chat yet sees them with `reviews`.
 */
export function accessReviewHandler(deps: {
  store: () => Store | null;
  outbox: () => Outbox | null;
  root: string;
}): KindHandler {
  return async (def, slot, { now, log }) => {
    if (def.kind !== 'access-review') throw new Error(`access-review handler given a ${def.kind} workflow`);
    const store = deps.store();
    if (!store) throw new Error('the store is not open');
    let campaignId = '';
    const steps = [
      await step(
        'create campaign',
        async () => {
          const { campaign, created } = await createCampaign({ store, def, slot, now, root: deps.root, log });
          campaignId = campaign._id;
          const s = campaign.summary;
          return `${created ? 'created' : 'already existed'}: ${s.items} items for ${s.reviewers} reviewers, ${s.skippedRows} source rows skipped`;
        },
        log,
      ),
    ];
    if (steps[0]?.status !== 'pass') return steps;
    steps.push(await step('notify reviewers', () => notifyReviewers(store, deps.outbox(), campaignId), log));
    return steps;
  };
}

async function notifyReviewers(store: Store, outbox: Outbox | null, campaignId: string) {
  if (!outbox) return 'no chat configured; reviewers see their items with `reviews`';
  const counts = new Map<string, number>();
  for await (const item of store.reviewItems.scanCampaign(campaignId)) {
    if (item.status === 'open') counts.set(item.reviewerId, (counts.get(item.reviewerId) ?? 0) + 1);
  }
  let queued = 0;
  let unreachable = 0;
  for (const [reviewerId, n] of counts) {
    const person = await store.people.get(reviewerId);
    const targets = person ? chatTargets(person) : [];
    if (targets.length === 0) unreachable += 1;
    for (const t of targets) {
      const text = `An access review has started: ${n} item(s) wait for your decision. Say \`reviews\` to see them.`;
      const { created } = await outbox.send({
        dedupeKey: `review-start:${campaignId}:${reviewerId}:${t.platform}`,
        ...t,
        kind: 'review.start',
        reply: {
          text,
          blocks: [
            { type: 'text', text },
            { type: 'buttons', buttons: [{ label: 'Review now', action: 'review.list', value: '', style: 'primary' }] },
          ],
        },
      });
      if (created) queued += 1;
    }
  }
  return `${queued} message(s) queued for ${counts.size} reviewer(s); ${unreachable} not linked to a chat yet`;
}
