import type { Actor } from '../../chat/model';
import { type Clock, systemClock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { type Logger, silentLogger } from '../../kernel/logger';
import type { Ledger } from '../../ledger/ledger';
import type { Store } from '../../store/port';
import type { PersonRecord, ReviewItemRecord } from '../../store/records';

export const DECISIONS = ['keep', 'revoke', 'modify'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionOutcome {
  item: ReviewItemRecord;
  /** False when the same decision was already recorded (a double click, a retried request). */
  recorded: boolean;
  attestationHash: string;
}

/**
 * Access-review decisions, for every channel: who may decide an item (its reviewer, never its
 * holder, and only people of the directory), what a decision needs (a reason for revoke and
 * modify), and what it leaves behind (an attestation first, then the item). The attestation's
 * idempotency key is the item, so repeated clicks record once; if the store fails between the two
 * writes, the retry finds the attestation and completes the item.
 */
export function createDecisions(options: { store: () => Store; ledger: () => Ledger; clock?: Clock; log?: Logger }) {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;

  const personOf = async (actor: Actor): Promise<PersonRecord> => {
    const person = actor.personId ? await options.store().people.get(actor.personId) : null;
    if (person?.status !== 'active') {
      throw new AppError('forbidden', 'Only people in the company directory can decide review items.');
    }
    return person;
  };

  /**
   * An item as it is now, for someone whose list offered it. When it was handed on or decided
   * meanwhile (or an interrupted write left an inbox behind it), the inboxes of its reviewer and of
   * `personId` are brought in step, so the next list is right.
   */
  async function currentItem(itemId: string, personId: string | null): Promise<ReviewItemRecord | null> {
    const store = options.store();
    const item = await store.reviewItems.get(itemId);
    if (item && (item.reviewerId !== personId || item.status === 'decided'))
      await store.reviewItems.refreshInbox(item, personId ? [personId] : []);
    return item;
  }

  /** The actor and the item (read by currentItem) when the actor may act on it. */
  const itemFor = async (actor: Actor, itemId: string, item: ReviewItemRecord | null) => {
    const person = await personOf(actor);
    if (!item) throw new AppError('not_found', 'That review item does not exist any more.');
    if (item.reviewerId !== person._id || item.subjectId === person._id) {
      log.warn(
        { platform: actor.platform, user: actor.userId, personId: person._id, itemId, reviewerId: item.reviewerId },
        'refused a review action on an item that is not the actor’s',
      );
      throw new AppError('forbidden', 'This review item is not assigned to you, so I did not record anything.');
    }
    return { person, item };
  };

  async function decide(input: {
    actor: Actor;
    itemId: string;
    decision: Decision;
    reason?: string | null;
  }): Promise<DecisionOutcome> {
    const reason = input.reason?.trim() || null;
    if (!DECISIONS.includes(input.decision))
      throw new AppError('invalid_input', `Unknown decision "${input.decision}".`);
    if (input.decision !== 'keep' && !reason) {
      throw new AppError('invalid_input', `Please give a reason to ${input.decision} this access.`);
    }
    const store = options.store();
    // A repeated click, or an inbox that missed the decision: currentItem brings it in step.
    const existing = await currentItem(input.itemId, input.actor.personId ?? null);
    if (existing?.status === 'decided') return alreadyDecided(existing, input.decision);
    const { person, item } = await itemFor(input.actor, input.itemId, existing);
    const campaign = await store.campaigns.get(item.campaignId);
    if (campaign?.status !== 'open') {
      throw new AppError('conflict', 'This campaign is closed; decisions are no longer taken.');
    }
    // The attestation's unique idempotency key is the arbiter between concurrent clicks (even
    // across replicas, and on servers whose find-and-modify is not atomic, like FerretDB v1).
    const { record, created } = await options.ledger().record({
      type: 'access-review.decision',
      subject: `${item.system}/${item.account}`,
      controlIds: (campaign.summary.controls as string[] | undefined) ?? ['9.2.5'],
      actor: { id: person.email, name: person.name, platform: input.actor.platform },
      decision: input.decision,
      comment: reason,
      evidence: {
        campaign: item.campaignId,
        item: item._id,
        holder: item.subjectId,
        holderName: item.subjectName,
        system: item.system,
        account: item.account,
        entitlement: item.entitlement,
        flags: item.flags,
      },
      idempotencyKey: `access-review.decision:${item._id}`,
    });
    const decided = await store.reviewItems.decide(item._id, {
      decision: record.decision,
      reason: record.comment,
      decidedBy: person._id,
      decidedAt: record.at,
      attestationId: record.id,
    });
    const final = decided ?? (await store.reviewItems.get(item._id));
    if (!final) throw new AppError('internal', `review item ${item._id} vanished while being decided`);
    if (record.decision !== input.decision) return alreadyDecided(final, input.decision);
    return { item: final, recorded: created, attestationHash: record.hash };
  }

  async function alreadyDecided(item: ReviewItemRecord, wanted: Decision): Promise<DecisionOutcome> {
    if (item.decision !== wanted) {
      throw new AppError(
        'conflict',
        `This item was already decided: ${item.decision}. Ask the compliance lead to reopen it.`,
      );
    }
    const hash = item.attestationId
      ? ((await options.store().attestations.byIdempotencyKeys([`access-review.decision:${item._id}`]))[0]?.hash ?? '')
      : '';
    return { item, recorded: false, attestationHash: hash };
  }

  /** Hands an open item to another active person (not its holder), with a reason, recorded as an attestation. */
  async function delegate(input: { actor: Actor; itemId: string; to: string; reason: string }) {
    const current = await currentItem(input.itemId, input.actor.personId ?? null);
    const { person, item } = await itemFor(input.actor, input.itemId, current);
    const reason = input.reason.trim();
    if (!reason) throw new AppError('invalid_input', 'Please say why you hand this item on.');
    const store = options.store();
    const target =
      (await store.people.get(input.to)) ?? (input.to.includes('@') ? await store.people.byEmail(input.to) : null);
    if (target?.status !== 'active')
      throw new AppError('invalid_input', `I can't find an active person "${input.to}".`);
    if (target._id === item.subjectId)
      throw new AppError('invalid_input', 'The holder cannot review their own access.');
    if (target._id === person._id) throw new AppError('invalid_input', 'That is you already.');
    const campaign = await store.campaigns.get(item.campaignId);
    await options.ledger().record({
      type: 'access-review.delegation',
      subject: `${item.system}/${item.account}`,
      controlIds: (campaign?.summary.controls as string[] | undefined) ?? ['9.2.5'],
      actor: { id: person.email, name: person.name, platform: input.actor.platform },
      decision: `delegated to ${target.email}`,
      comment: reason,
      evidence: { campaign: item.campaignId, item: item._id, from: person._id, to: target._id },
      idempotencyKey: `access-review.delegation:${item._id}:${person._id}:${target._id}`,
    });
    if (!(await store.reviewItems.reassign(item._id, person._id, target._id))) {
      throw new AppError('conflict', 'This item changed hands meanwhile; nothing was delegated.');
    }
    return { item: { ...item, reviewerId: target._id }, to: target };
  }

  /** Keeps every open, unflagged item of the actor's (optionally in one campaign); flagged ones need a look each. */
  async function keepAllUnflagged(actor: Actor, campaignId?: string) {
    const person = await personOf(actor);
    const { open } = await options.store().reviewItems.forReviewer(person._id);
    const plain = open.filter((i) => i.flags.length === 0 && (!campaignId || i.campaignId === campaignId));
    // Concurrent decisions share the ledger's group commit: one insert per batch, not per item.
    const outcomes = await Promise.all(plain.map((item) => decide({ actor, itemId: item._id, decision: 'keep' })));
    return { kept: outcomes.filter((o) => o.recorded).length, at: clock.now() };
  }

  return { currentItem, decide, delegate, keepAllUnflagged };
}

export type Decisions = ReturnType<typeof createDecisions>;
