import { isAppError } from '../../../src/kernel/errors';
import type { Store } from '../../../src/store/port';
import { createDummyOutbox, createDummyPerson, createDummyReviewItem } from '../../support/records';
import { describeEachStore } from '../../support/stores';

describeEachStore('store contract', (harness) => {
  let store: Store;
  beforeEach(async () => {
    store = await harness().open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('answers ping and names its kind', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    expect(store.kind).toBe(harness().kind);
  });

  describe('people', () => {
    it('stores, replaces and finds people by email (any case) and chat identity', async () => {
      await store.people.put(createDummyPerson({ email: 'Ada@Example.com' }));
      await store.people.put(
        createDummyPerson({ _id: 'p-grace', email: 'grace@example.com', name: 'Grace', roles: ['compliance-lead'] }),
      );
      await store.people.put(createDummyPerson({ name: 'Ada L.' }));
      expect((await store.people.byEmail('ADA@example.com'))?.name).toBe('Ada L.');
      expect(await store.people.linkChatId('p-ada', 'slack:T1:U1')).toBe(true);
      expect(await store.people.linkChatId('p-ada', 'slack:T1:U1')).toBe(true);
      expect((await store.people.get('p-ada'))?.chatIds).toEqual(['slack:T1:U1']);
      expect((await store.people.byChatId('slack:T1:U1'))?._id).toBe('p-ada');
      expect(await store.people.byChatId('slack:T1:U999')).toBeNull();
      expect((await store.people.list({ role: 'compliance-lead' })).map((p) => p._id)).toEqual(['p-grace']);
    });

    it('rejects a second person with the same email', async () => {
      await store.people.put(createDummyPerson());
      await expect(store.people.put(createDummyPerson({ _id: 'p-other' }))).rejects.toMatchObject({
        code: 'duplicate',
      });
    });
  });

  describe('workflow runs', () => {
    const run = (over = {}) => ({
      _id: 'run-1',
      workflow: 'quarterly-access-review',
      slot: '2026-11-23T09:00:00.000Z',
      owner: 'replica-a',
      status: 'running' as const,
      caughtUp: false,
      startedAt: new Date('2026-11-23T09:00:01Z'),
      endedAt: null,
      steps: [],
      ...over,
    });

    it('lets only one claimant start a slot and records the steps of a finished run', async () => {
      expect(await store.runs.start(run())).not.toBeNull();
      expect(await store.runs.start(run({ _id: 'run-2', owner: 'replica-b' }))).toBeNull();
      await store.runs.finish('run-1', {
        status: 'partial',
        endedAt: new Date('2026-11-23T09:00:05Z'),
        steps: [
          { name: 'load sources', status: 'pass', detail: null, durationMs: 12 },
          { name: 'notify', status: 'error', detail: 'slack 500', durationMs: 3 },
        ],
      });
      const latest = await store.runs.latest('quarterly-access-review');
      expect(latest).toMatchObject({ _id: 'run-1', status: 'partial' });
      expect(latest?.steps.map((s) => s.status)).toEqual(['pass', 'error']);
    });
  });

  describe('campaigns and review items', () => {
    it('decides an open item once and refuses a second decision', async () => {
      await store.campaigns.create({
        _id: 'c-1',
        workflow: 'quarterly-access-review',
        kind: 'access-review',
        name: 'Q4 2026',
        status: 'open',
        startedAt: new Date('2026-11-01T00:00:00Z'),
        dueAt: new Date('2026-11-15T00:00:00Z'),
        closedAt: null,
        summary: { items: 2, skippedRows: 0 },
        followUps: {},
      });
      await store.reviewItems.insertMany([
        createDummyReviewItem(),
        createDummyReviewItem({ _id: 'ri-2', position: 1, flags: [] }),
      ]);
      expect((await store.reviewItems.forReviewer('p-grace')).open.map((i) => i._id)).toEqual(['ri-1', 'ri-2']);
      const decision = {
        decision: 'revoke',
        reason: 'left the team',
        decidedBy: 'p-grace',
        decidedAt: new Date('2026-11-05T10:00:00Z'),
        attestationId: 'att-1',
      };
      expect(await store.reviewItems.decide('ri-1', decision)).toMatchObject({ status: 'decided', decision: 'revoke' });
      expect(await store.reviewItems.decide('ri-1', { ...decision, decision: 'keep' })).toBeNull();
      expect((await store.reviewItems.get('ri-1'))?.decision).toBe('revoke');
      expect(await store.reviewItems.reassign('ri-2', 'p-someone-else', 'p-linus')).toBe(false);
      expect(await store.reviewItems.reassign('ri-2', 'p-grace', 'p-linus')).toBe(true);
      await store.reviewItems.markReminded('ri-2', new Date('2026-11-06T09:00:00Z'), 1);
      expect(await store.reviewItems.get('ri-2')).toMatchObject({
        reviewerId: 'p-linus',
        remindersSent: 1,
        escalationLevel: 1,
      });
      expect(await store.campaigns.close('c-1', new Date('2026-11-15T00:00:00Z'), { decided: 1 })).toBe(true);
      expect(await store.campaigns.close('c-1', new Date('2026-11-16T00:00:00Z'), { decided: 2 })).toBe(false);
      expect((await store.campaigns.list({ status: 'closed' })).map((c) => c.summary)).toEqual([{ decided: 1 }]);
    });
  });

  describe('outbox', () => {
    it('never enqueues the same dedupe key twice', async () => {
      expect((await store.outbox.enqueue(createDummyOutbox())).created).toBe(true);
      const again = await store.outbox.enqueue(createDummyOutbox({ _id: 'ob-2', payload: { text: 'changed' } }));
      expect(again.created).toBe(false);
      expect(again.record._id).toBe('ob-1');
      expect(await store.outbox.list()).toHaveLength(1);
    });

    it('claims due messages once, and again only after the claim expires', async () => {
      await store.outbox.enqueue(createDummyOutbox());
      await store.outbox.enqueue(
        createDummyOutbox({ _id: 'ob-2', dedupeKey: 'k2', nextAttemptAt: new Date('2026-11-24T09:00:00Z') }),
      );
      const now = new Date('2026-11-23T09:00:00Z');
      const claimUntil = new Date('2026-11-23T09:01:00Z');
      const first = await store.outbox.claimDue(now, claimUntil, 10);
      expect(first.map((m) => [m._id, m.attempts, m.status])).toEqual([['ob-1', 1, 'sending']]);
      expect(await store.outbox.claimDue(now, claimUntil, 10)).toEqual([]);
      const later = await store.outbox.claimDue(new Date('2026-11-23T09:02:00Z'), new Date('2026-11-23T09:03:00Z'), 10);
      expect(later.map((m) => m._id)).toEqual(['ob-1']);
      await store.outbox.retryLater('ob-1', new Date('2026-11-23T09:10:00Z'), '429 rate limited');
      expect(await store.outbox.get('ob-1')).toMatchObject({ status: 'pending', lastError: '429 rate limited' });
      await store.outbox.markSent('ob-1', new Date('2026-11-23T09:10:01Z'));
      expect((await store.outbox.list({ status: 'sent' })).map((m) => m._id)).toEqual(['ob-1']);
    });

    // A second store on MongoDB is a second connection, as a second dispatcher replica has; the
    // embedded store is single-process by design, so there the claimers share one store. FerretDB
    // v1 runs find-and-modify as a read then a write, so this catches a claim that is not arbitrated.
    it('gives each due message to exactly one of several concurrent claimers, and skips none', async () => {
      const replicas = harness().kind === 'mongo' ? [store, await harness().open()] : [store];
      const ids = Array.from({ length: 40 }, (_, i) => `ob-${String(i + 1).padStart(2, '0')}`);
      for (const [i, _id] of ids.entries()) {
        const nextAttemptAt = new Date(Date.UTC(2026, 10, 23, 8, 0, i));
        await store.outbox.enqueue(createDummyOutbox({ _id, dedupeKey: `k${i}`, nextAttemptAt }));
      }
      const now = new Date('2026-11-23T09:00:00Z');
      const claimUntil = new Date('2026-11-23T09:05:00Z');
      const claimers = [0, 1, 2, 3].map((n) => replicas[n % replicas.length] as Store);
      const claimed: string[] = [];
      for (let round = 0; round < 20; round++) {
        const batches = await Promise.all(claimers.map((s) => s.outbox.claimDue(now, claimUntil, 6)));
        if (batches.every((b) => b.length === 0)) break;
        for (const batch of batches) {
          for (const m of batch) expect(m).toMatchObject({ status: 'sending', attempts: 1, claimedUntil: claimUntil });
          claimed.push(...batch.map((m) => m._id));
        }
      }
      expect(claimed.sort()).toEqual(ids);
      expect((await store.outbox.list()).map((m) => [m.status, m.attempts])).toEqual(ids.map(() => ['sending', 1]));
    });

    it('releases a claimed message unsent without counting the attempt', async () => {
      await store.outbox.enqueue(createDummyOutbox());
      const now = new Date('2026-11-23T09:00:00Z');
      await store.outbox.claimDue(now, new Date('2026-11-23T09:05:00Z'), 10);
      await store.outbox.release('ob-1', new Date('2026-11-23T09:00:30Z'));
      expect(await store.outbox.get('ob-1')).toMatchObject({ status: 'pending', attempts: 0, claimedUntil: null });
      expect(await store.outbox.claimDue(now, new Date('2026-11-23T09:05:00Z'), 10)).toEqual([]);
      await store.outbox.release('ob-1', now);
      expect(await store.outbox.get('ob-1')).toMatchObject({ attempts: 0 });
    });
  });

  describe('conversation references', () => {
    it('upserts a reference per platform and key', async () => {
      const ref = {
        platform: 'teams' as const,
        key: 'aad-1',
        personId: 'p-ada',
        ref: { conversation: { id: 'a:1' } },
        updatedAt: new Date(),
      };
      await store.conversations.save(ref);
      await store.conversations.save({ ...ref, ref: { conversation: { id: 'a:2' } } });
      expect((await store.conversations.get('teams', 'aad-1'))?.ref).toEqual({ conversation: { id: 'a:2' } });
      expect(await store.conversations.byPerson('p-ada')).toHaveLength(1);
    });
  });

  describe('leases', () => {
    it('gives a lease to one owner until it expires', async () => {
      const t0 = new Date('2026-11-23T09:00:00Z');
      expect(await store.leases.acquire('scheduler', 'a', t0, 30_000)).toBe(true);
      expect(await store.leases.acquire('scheduler', 'b', t0, 30_000)).toBe(false);
      expect(await store.leases.acquire('scheduler', 'a', new Date(t0.getTime() + 10_000), 30_000)).toBe(true);
      expect(await store.leases.acquire('scheduler', 'b', new Date(t0.getTime() + 39_000), 30_000)).toBe(false);
      expect(await store.leases.acquire('scheduler', 'b', new Date(t0.getTime() + 41_000), 30_000)).toBe(true);
      await store.leases.release('scheduler', 'a');
      expect((await store.leases.get('scheduler'))?.owner).toBe('b');
      await store.leases.release('scheduler', 'b');
      expect(await store.leases.get('scheduler')).toBeNull();
    });
  });

  describe('attestations', () => {
    it('exposes no way to update or delete a record', () => {
      const repo = store.attestations as unknown as Record<string, unknown>;
      for (const name of ['update', 'updateOne', 'delete', 'deleteMany', 'remove', 'put', 'replace']) {
        expect(repo[name]).toBeUndefined();
      }
    });

    it('rejects a duplicate seq as a duplicate', async () => {
      const rec = {
        _id: 'a1',
        seq: 1,
        id: 'a1',
        type: 't',
        subject: 's',
        controlIds: ['5.1.1'],
        actor: { id: 'x', name: 'X', platform: 'cli' as const },
        decision: 'd',
        comment: null,
        evidence: {},
        at: new Date(),
        catalogVersion: 'v',
        idempotencyKey: 'k1',
        prevHash: '0'.repeat(64),
        hash: 'f'.repeat(64),
      };
      await store.attestations.append([rec]);
      const err = await store.attestations
        .append([{ ...rec, _id: 'a2', id: 'a2', idempotencyKey: 'k2' }])
        .catch((e) => e);
      expect(isAppError(err, 'duplicate')).toBe(true);
      expect(await store.attestations.count()).toBe(1);
      expect((await store.attestations.last())?.evidence).toEqual({});
    });
  });
});
