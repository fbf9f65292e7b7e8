import { createConversation, NOT_RECORDED } from '../../../src/chat/conversation';
import type { Reply } from '../../../src/chat/model';
import { fixedClock } from '../../../src/kernel/clock';
import { silentLogger } from '../../../src/kernel/logger';
import { packageRoot } from '../../../src/kernel/paths';
import { createLedger } from '../../../src/ledger/ledger';
import type { Store } from '../../../src/store/port';
import { createCampaign } from '../../../src/workflows/access-review/campaign';
import { createDecisions } from '../../../src/workflows/access-review/decisions';
import { describeEachStore } from '../../support/stores';
import { sampleAccessReview } from '../../support/workflows';

describeEachStore('a decision while the store is down', (harness) => {
  it('tells the reviewer it was not recorded, and nothing is half-written', async () => {
    const clock = fixedClock('2026-10-02T09:00:00Z');
    const setup = await harness().open();
    const { campaign } = await createCampaign({
      store: setup,
      def: sampleAccessReview(),
      slot: new Date('2026-10-01T07:00:00Z'),
      now: clock.now(),
      root: packageRoot(),
      log: silentLogger,
    });
    const [item] = await setup.reviewItems.openInCampaign(campaign._id);
    if (!item) throw new Error('no item');
    // The store the conversation uses goes away (connection lost, server down).
    let current: Store | null = setup;
    const decisions = createDecisions({
      store: () => current as Store,
      ledger: () => createLedger({ attestations: (current as Store).attestations, catalogVersion: 't', clock }),
      clock,
    });
    const conversation = createConversation({
      assistant: () => ({ ask: async () => Promise.reject(new Error('unused')) }),
      catalog: { get: () => undefined } as never,
      reviews: { store: () => current, decisions },
      log: silentLogger,
    });
    await current.close();
    const actor = { platform: 'web' as const, userId: item.reviewerId, name: 'r', personId: item.reviewerId };
    const reply: Reply = await conversation.handle({
      actor,
      action: { id: 'review.decide', value: JSON.stringify({ i: item._id, d: 'keep' }) },
    });
    expect(reply).toEqual(NOT_RECORDED);
    current = null;
    const after = await harness().open();
    expect((await after.reviewItems.get(item._id))?.status).toBe('open');
    expect(await after.attestations.byIdempotencyKeys([`access-review.decision:${item._id}`])).toEqual([]);
  });
});
