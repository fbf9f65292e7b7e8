import { AppError } from '../../../src/kernel/errors';
import type { OutboxRepo } from '../../../src/store/repos/outbox';
import { openOutboxRig } from '../../support/outbox';

let rig: Awaited<ReturnType<typeof openOutboxRig>>;
beforeEach(async () => {
  rig = await openOutboxRig();
});
afterEach(() => rig.close());

describe('outbox dispatcher recovery', () => {
  it('sends again when the store failed to record a send (at least once), after the claim expires', async () => {
    let failMarkSent = true;
    const repo: OutboxRepo = {
      ...rig.store.outbox,
      async markSent(id, at) {
        if (failMarkSent) throw new AppError('store_unavailable', 'the store went away');
        return rig.store.outbox.markSent(id, at);
      },
    };
    const dispatcher = rig.wire({ repo, claimTtlMs: 60_000 });
    await rig.send('k1');
    await expect(dispatcher.drain()).rejects.toThrow('the store went away');
    failMarkSent = false;
    expect(await dispatcher.drain()).toMatchObject({ sent: 0 });
    rig.time.clock.advance(60_000);
    expect(await dispatcher.drain()).toMatchObject({ sent: 1 });
    expect(rig.slack.sent.map((m) => m.reply.text)).toEqual(['message k1', 'message k1']);
  });

  it('hands back the batch it claimed ahead when the drain fails, instead of holding it until the claim expires', async () => {
    const repo: OutboxRepo = {
      ...rig.store.outbox,
      markSent: async () => {
        throw new AppError('store_unavailable', 'the store went away');
      },
    };
    const dispatcher = rig.wire({ repo, batch: 1 });
    await rig.send('k1');
    await rig.send('k2');
    await expect(dispatcher.drain()).rejects.toThrow('the store went away');
    expect(rig.slack.sent.map((m) => m.reply.text)).toEqual(['message k1']);
    expect(await rig.record('k2')).toMatchObject({ status: 'pending', attempts: 0, claimedUntil: null });
  });

  it('claims a batch again instead of sending it when its turn came too late in its claim', async () => {
    // 3 messages a batch at 1/s take 2 s: the batch claimed ahead (2 s claim) is half expired by then.
    const released: string[] = [];
    const repo: OutboxRepo = {
      ...rig.store.outbox,
      release: (id, at) => {
        released.push(id);
        return rig.store.outbox.release(id, at);
      },
    };
    const dispatcher = rig.wire({ repo, batch: 3, claimTtlMs: 2000, rateLimitPerSec: { slack: 1 } });
    for (let i = 1; i <= 6; i++) await rig.send(`k${i}`, `C${i}`);
    expect(await dispatcher.drain()).toEqual({ sent: 6, retried: 0, dead: 0, deferred: 0 });
    expect(released).toEqual(['ob_000004', 'ob_000005', 'ob_000006']);
    expect(rig.slack.sent.map((m) => m.reply.text)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `message k${i}`));
    expect((await rig.store.outbox.list()).map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('re-claims a message whose sender died once the claim expires', async () => {
    const dispatcher = rig.wire({ claimTtlMs: 60_000 });
    await rig.send('k1');
    // Another process claimed it and died before any outcome was recorded.
    await rig.store.outbox.claimDue(rig.time.clock.now(), new Date(rig.time.clock.now().getTime() + 60_000), 10);
    expect(await dispatcher.drain()).toMatchObject({ sent: 0 });
    rig.time.clock.advance(60_000);
    expect(await dispatcher.drain()).toMatchObject({ sent: 1 });
    expect(await rig.record('k1')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks dead a message that keeps crashing its claimers, and one with no sender', async () => {
    const dispatcher = rig.wire({ maxAttempts: 2 });
    await rig.send('k1');
    await rig.send('k2', '19:abc', 'teams');
    for (let i = 0; i < 2; i++) {
      await rig.store.outbox.claimDue(rig.time.clock.now(), rig.time.clock.now(), 1);
    }
    expect(await dispatcher.drain()).toMatchObject({ dead: 2, sent: 0 });
    expect(rig.slack.attempts).toEqual([]);
    expect(await rig.record('k1')).toMatchObject({ lastError: expect.stringContaining('claimed 3 times') });
    expect(await rig.record('k2')).toMatchObject({
      lastError: expect.stringContaining('no sender for platform "teams"'),
    });
  });

  it('runs on an interval; stop waits for the in-flight send and hands back the rest', async () => {
    const dispatcher = rig.wire({ rateLimitPerSec: { slack: 1000 } });
    await rig.send('k1');
    await rig.send('k2');
    const release = rig.slack.hold();
    dispatcher.start(10);
    for (let i = 0; i < 200 && rig.slack.attempts.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    let stopped = false;
    const stopping = dispatcher.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(rig.slack.sent).toHaveLength(1);
    expect((await rig.store.outbox.list({ status: 'pending' })).map((r) => r.attempts)).toEqual([0]);
    dispatcher.start(10);
    for (let i = 0; i < 200 && rig.slack.sent.length < 2; i++) {
      rig.time.clock.advance(5);
      await new Promise((r) => setTimeout(r, 5));
    }
    await dispatcher.stop();
    expect(rig.slack.sent.map((m) => m.reply.text)).toEqual(['message k1', 'message k2']);
  });
});
