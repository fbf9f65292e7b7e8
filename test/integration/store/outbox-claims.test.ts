import { silentLogger } from '../../../src/kernel/logger';
import { COLLECTIONS } from '../../../src/store/collections';
import { openLocalBackend } from '../../../src/store/local/local-backend';
import { openMongoBackend } from '../../../src/store/mongo/mongo-backend';
import type { OutboxClaimRecord, OutboxRecord } from '../../../src/store/records';
import { outboxRepo } from '../../../src/store/repos/outbox';
import { createDummyOutbox } from '../../support/records';
import { describeEachStore, type StoreHarness } from '../../support/stores';

/** The outbox repository on the harness's database, with its claim documents in view. */
async function openOutbox(harness: StoreHarness) {
  const backend =
    harness.kind === 'local'
      ? await openLocalBackend(harness.env.CONTROLBOT_DATA_DIR as string, silentLogger)
      : await openMongoBackend(harness.env.MONGODB_URI as string, silentLogger);
  const messages = backend.mutable<OutboxRecord>(COLLECTIONS.outbox);
  const claimDocs = backend.mutable<OutboxClaimRecord>(COLLECTIONS.outboxClaims);
  return { repo: outboxRepo(messages, claimDocs), messages, claimDocs, close: () => backend.close() };
}

const at = (time: string) => new Date(`2026-11-23T${time}Z`);

type Opened = Awaited<ReturnType<typeof openOutbox>>;
const claimIds = async ({ claimDocs }: Opened) => (await claimDocs.find({}, { sort: { _id: 1 } })).map((c) => c._id);

describeEachStore('outbox claim documents', (harness) => {
  // Closed in the test itself: the harness's own afterEach removes the database first.
  const withOutbox = (test: (outbox: Opened) => Promise<void>) => async () => {
    const outbox = await openOutbox(harness());
    try {
      await test(outbox);
    } finally {
      await outbox.close();
    }
  };

  it(
    'keeps no claim document once a claim is made, and numbers claims past handed-back ones',
    withOutbox(async (outbox) => {
      const { repo } = outbox;
      await repo.enqueue(createDummyOutbox());
      expect((await repo.claimDue(at('09:00:00'), at('09:05:00'), 10)).map((m) => m.claims)).toEqual([1]);
      await repo.release('ob-1', at('09:00:00'));
      const again = await repo.claimDue(at('09:00:00'), at('09:05:00'), 10);
      expect(again.map((m) => [m.attempts, m.claims])).toEqual([[1, 2]]);
      expect(await repo.get('ob-1')).toMatchObject({ status: 'sending', attempts: 1, claims: 2 });
      await repo.markSent('ob-1', at('09:00:01'));
      expect(await claimIds(outbox)).toEqual([]);
    }),
  );

  it(
    'skips a message whose claim another claimer is making, until that claim expires',
    withOutbox(async (outbox) => {
      const { repo, claimDocs } = outbox;
      await repo.enqueue(createDummyOutbox());
      await repo.enqueue(createDummyOutbox({ _id: 'ob-2', dedupeKey: 'k2' }));
      // A claimer inserted the document for ob-1's first claim and died before updating the message.
      await claimDocs.insertMany([{ _id: 'ob-1:1', until: at('09:05:00') }]);
      expect((await repo.claimDue(at('09:00:00'), at('09:30:00'), 10)).map((m) => m._id)).toEqual(['ob-2']);
      expect(await claimIds(outbox)).toEqual(['ob-1:1']);
      // Once expired, the next claim clears it and the one after makes the claim.
      expect(await repo.claimDue(at('09:05:00'), at('09:10:00'), 10)).toEqual([]);
      expect(await claimIds(outbox)).toEqual([]);
      const claimed = await repo.claimDue(at('09:05:00'), at('09:10:00'), 10);
      expect(claimed.map((m) => [m._id, m.attempts, m.claims])).toEqual([['ob-1', 1, 1]]);
    }),
  );

  it(
    'refuses a claim made from a stale read: the counter it read has moved on',
    withOutbox(async (outbox) => {
      const { repo, messages, claimDocs } = outbox;
      await repo.enqueue(createDummyOutbox());
      const stale = (await repo.get('ob-1')) as OutboxRecord;
      await repo.claimDue(at('09:00:00'), at('09:01:00'), 10);
      await repo.retryLater('ob-1', at('09:00:00'), 'HTTP 503');
      // A claimer that read the message before that claim inserts its claim document without a clash
      // (the first claim's is gone), but its update must not match.
      const late = outboxRepo({ ...messages, find: async () => [stale] }, claimDocs);
      expect(await late.claimDue(at('09:00:00'), at('09:05:00'), 10)).toEqual([]);
      expect(await repo.get('ob-1')).toMatchObject({ status: 'pending', attempts: 1, claims: 1 });
      expect(await claimIds(outbox)).toEqual([]);
      expect((await repo.claimDue(at('09:00:00'), at('09:05:00'), 10)).map((m) => m.claims)).toEqual([2]);
    }),
  );

  it(
    'claims the rest of a batch when one of its messages was read before another claim',
    withOutbox(async (outbox) => {
      const { repo, messages, claimDocs } = outbox;
      await repo.enqueue(createDummyOutbox());
      await repo.enqueue(createDummyOutbox({ _id: 'ob-2', dedupeKey: 'k2' }));
      const stale = (await repo.get('ob-1')) as OutboxRecord;
      await repo.claimDue(at('09:00:00'), at('09:01:00'), 1);
      await repo.retryLater('ob-1', at('09:00:00'), 'HTTP 503');
      const fresh = (await repo.get('ob-2')) as OutboxRecord;
      // The late claimer's first look for due messages returns what it read; every other read is the store's.
      let looked = false;
      const late = outboxRepo(
        {
          ...messages,
          find: async (filter, options) => {
            if (looked || !options?.sort) return messages.find(filter, options);
            looked = true;
            return [stale, fresh];
          },
        },
        claimDocs,
      );
      const claimed = await late.claimDue(at('09:00:00'), at('09:05:00'), 2);
      expect(claimed.map((m) => [m._id, m.attempts, m.claims])).toEqual([['ob-2', 1, 1]]);
      expect(await repo.get('ob-1')).toMatchObject({ status: 'pending', attempts: 1, claims: 1 });
      expect(await repo.get('ob-2')).toMatchObject({ status: 'sending', attempts: 1, claims: 1 });
      expect(await claimIds(outbox)).toEqual([]);
    }),
  );

  it(
    'prunes expired claim documents when a claim finds nothing due',
    withOutbox(async (outbox) => {
      const { repo, claimDocs } = outbox;
      // Left by a claimer that died after its update: nothing will ever meet it again.
      await claimDocs.insertMany([
        { _id: 'ob-9:3', until: at('09:00:00') },
        { _id: 'ob-8:1', until: at('09:20:00') },
      ]);
      expect(await repo.claimDue(at('09:10:00'), at('09:15:00'), 10)).toEqual([]);
      expect(await claimIds(outbox)).toEqual(['ob-8:1']);
    }),
  );

  it('claims a message queued before claims were counted', async () => {
    const before = await openOutbox(harness());
    await before.repo.enqueue(createDummyOutbox());
    await before.close();
    await harness().tamper('outbox', 'ob-1', ({ claims: _, ...doc }) => doc);
    await withOutbox(async ({ repo }) => {
      expect((await repo.get('ob-1'))?.claims).toBeUndefined();
      const claimed = await repo.claimDue(at('09:00:00'), at('09:05:00'), 10);
      expect(claimed.map((m) => [m.attempts, m.claims])).toEqual([[1, 1]]);
      expect(await repo.get('ob-1')).toMatchObject({ status: 'sending', claims: 1 });
    })();
  });
});
