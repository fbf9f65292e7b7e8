import { SendError } from '../../../src/outbox/sender';
import { openOutboxRig, recordingSender } from '../../support/outbox';

let rig: Awaited<ReturnType<typeof openOutboxRig>>;
beforeEach(async () => {
  rig = await openOutboxRig();
});
afterEach(() => rig.close());

const transient = () => new SendError('Slack answered HTTP 503', { permanent: false });

describe('outbox dispatcher', () => {
  it('sends what is due, once, and marks it sent', async () => {
    const dispatcher = rig.wire();
    await rig.send('k1');
    await rig.send('k2', 'U9');
    expect(await dispatcher.drain()).toEqual({ sent: 2, retried: 0, dead: 0, deferred: 0 });
    expect(rig.slack.sent.map((m) => [m.target, m.reply.text])).toEqual([
      ['C1', 'message k1'],
      ['U9', 'message k2'],
    ]);
    expect(await rig.record('k1')).toMatchObject({ status: 'sent', attempts: 1, sentAt: rig.slack.sent[0]!.at });
    expect(await dispatcher.drain()).toEqual({ sent: 0, retried: 0, dead: 0, deferred: 0 });
  });

  it('sends a dedupe key queued twice only once', async () => {
    const dispatcher = rig.wire();
    expect(await rig.send('digest:p-ada:2026-11-23')).toEqual({ created: true });
    expect(await rig.send('digest:p-ada:2026-11-23')).toEqual({ created: false });
    await dispatcher.drain();
    await rig.send('digest:p-ada:2026-11-23');
    await dispatcher.drain();
    expect(rig.slack.sent).toHaveLength(1);
  });

  it('retries a transient failure (5xx) after an exponential backoff with jitter', async () => {
    const dispatcher = rig.wire();
    rig.slack.failWith('C1', transient());
    await rig.send('k1');
    const start = rig.time.clock.now().getTime();
    expect(await dispatcher.drain()).toMatchObject({ sent: 0, retried: 1 });
    const failed = await rig.record('k1');
    // attempt 1 failed: ceiling 2 s, equal jitter with random 0.5 → 1.5 s.
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('HTTP 503') });
    expect(failed!.nextAttemptAt.getTime() - start).toBe(1500);
    rig.time.clock.advance(1499);
    expect(await dispatcher.drain()).toMatchObject({ sent: 0 });
    rig.time.clock.advance(1);
    expect(await dispatcher.drain()).toMatchObject({ sent: 1 });
    expect(await rig.record('k1')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('honours Retry-After by holding the rate-limited target, while other targets go on', async () => {
    const dispatcher = rig.wire();
    rig.slack.failWith('C1', new SendError('rate limited', { permanent: false, retryAfterMs: 30_000 }));
    await rig.send('k1', 'C1');
    await rig.send('k2', 'C2');
    await rig.send('k3', 'C1');
    const start = rig.time.clock.now().getTime();
    expect(await dispatcher.drain()).toEqual({ sent: 1, retried: 1, dead: 0, deferred: 1 });
    expect(rig.slack.attempts).toEqual(['C1', 'C2']);
    for (const key of ['k1', 'k3']) {
      expect((await rig.record(key))!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(start + 30_000);
    }
    // The held message was handed back without spending an attempt.
    expect(await rig.record('k3')).toMatchObject({ status: 'pending', attempts: 0 });
    rig.time.clock.advance(30_000);
    expect(await dispatcher.drain()).toMatchObject({ sent: 2 });
  });

  it('never stalls other targets for 429s scattered across targets', async () => {
    const dispatcher = rig.wire({ rateLimitPerSec: { slack: 100 } });
    for (let i = 0; i < 30; i++) {
      if (i % 3 === 0)
        rig.slack.failWith(`C${i}`, new SendError('rate limited', { permanent: false, retryAfterMs: 60_000 }));
      await rig.send(`k${i}`, `C${i}`);
    }
    const start = rig.time.clock.now().getTime();
    expect(await dispatcher.drain()).toEqual({ sent: 20, retried: 10, dead: 0, deferred: 0 });
    // 20 sends at 100/s, 429s costing no send slot: nothing waited for a Retry-After.
    expect(rig.slack.sent.at(-1)!.at.getTime() - start).toBeLessThan(250);
    expect(rig.logs.filter((l) => l.msg.includes('whole platform waits'))).toEqual([]);
  });

  it('pauses the whole platform once most recent calls were rate limited, across targets', async () => {
    const dispatcher = rig.wire({ rateLimitPerSec: { slack: 1000 } });
    const limited = () => new SendError('rate limited', { permanent: false, retryAfterMs: 2000 });
    rig.slack.failWith('*', ...Array.from({ length: 10 }, limited));
    for (let i = 0; i < 12; i++) await rig.send(`k${i}`, `C${i}`);
    const start = rig.time.clock.now().getTime();
    expect(await dispatcher.drain()).toEqual({ sent: 12, retried: 10, dead: 0, deferred: 0 });
    // 10 of the latest calls (at most 20) were 429s from 10 targets: the 11th call waits out Retry-After.
    expect(rig.slack.attempts.slice(0, 11)).toEqual(Array.from({ length: 11 }, (_, i) => `C${i}`));
    expect(rig.slack.sent[0]).toMatchObject({ target: 'C10' });
    expect(rig.slack.sent[0]!.at.getTime() - start).toBeGreaterThanOrEqual(2000);
    expect(rig.logs.filter((l) => l.msg.includes('whole platform waits'))).toHaveLength(1);
  });

  it('gives back the token of a call the platform rate limited, so a 429 costs no send slot', async () => {
    const dispatcher = rig.wire({ rateLimitPerSec: { slack: 10 } });
    rig.slack.failWith('C1', new SendError('rate limited', { permanent: false, retryAfterMs: 0 }));
    await rig.send('k1', 'C1');
    await rig.send('k2', 'C2');
    const start = rig.time.clock.now().getTime();
    expect(await dispatcher.drain()).toEqual({ sent: 2, retried: 1, dead: 0, deferred: 0 });
    expect(rig.slack.sent.map((m) => [m.target, m.at.getTime() - start])).toEqual([
      ['C2', 0],
      ['C1', 100],
    ]);
  });

  it('keeps the token of a call that failed with a 5xx: the platform may have done the work', async () => {
    const dispatcher = rig.wire({ rateLimitPerSec: { slack: 10 } });
    rig.slack.failWith('C1', transient());
    await rig.send('k1', 'C1');
    await rig.send('k2', 'C2');
    const start = rig.time.clock.now().getTime();
    await dispatcher.drain();
    expect(rig.slack.sent.map((m) => [m.target, m.at.getTime() - start])).toEqual([['C2', 100]]);
  });

  it('marks a permanent failure dead at once and logs it as an error', async () => {
    const dispatcher = rig.wire();
    rig.slack.failWith('C404', new SendError('Slack answered "channel_not_found"', { permanent: true }));
    await rig.send('k1', 'C404');
    expect(await dispatcher.drain()).toMatchObject({ dead: 1, retried: 0 });
    expect(await rig.record('k1')).toMatchObject({
      status: 'dead',
      lastError: expect.stringContaining('channel_not_found'),
    });
    expect(rig.logs.find((l) => l.level === 50)).toMatchObject({ error: expect.stringContaining('channel_not_found') });
  });

  it('gives up after maxAttempts', async () => {
    const dispatcher = rig.wire({ maxAttempts: 3 });
    rig.slack.failWith('C1', transient(), transient(), transient(), transient());
    await rig.send('k1');
    for (let i = 0; i < 5; i++) {
      await dispatcher.drain();
      rig.time.clock.advance(60 * 60_000);
    }
    expect(rig.slack.attempts).toHaveLength(3);
    expect(await rig.record('k1')).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: expect.stringMatching(/^gave up after 3 attempts/),
    });
  });

  it('treats an unexpected error from a sender as transient', async () => {
    const dispatcher = rig.wire();
    rig.slack.failWith('C1', new TypeError('fetch failed'));
    await rig.send('k1');
    expect(await dispatcher.drain()).toMatchObject({ retried: 1 });
    expect(await rig.record('k1')).toMatchObject({ lastError: 'TypeError: fetch failed' });
  });

  it('spaces messages by the platform rate limit, each platform on its own bucket', async () => {
    const teams = recordingSender(rig.time.clock);
    const dispatcher = rig.wire({
      senders: { slack: rig.slack.sender, teams: teams.sender },
      rateLimitPerSec: { slack: 10, teams: 2 },
    });
    for (let i = 0; i < 5; i++) await rig.send(`s${i}`, `C${i}`);
    for (let i = 0; i < 2; i++) await rig.send(`t${i}`, `T${i}`, 'teams');
    const start = rig.time.clock.now().getTime();
    expect(await dispatcher.drain()).toMatchObject({ sent: 7 });
    const gaps = (at: Date[]) => at.slice(1).map((t, i) => t.getTime() - at[i]!.getTime());
    expect(rig.slack.sent[0]!.at.getTime()).toBe(start);
    for (const gap of gaps(rig.slack.sent.map((m) => m.at))) expect(gap).toBeGreaterThanOrEqual(100);
    expect(teams.sent.length).toBe(2);
    for (const gap of gaps(teams.sent.map((m) => m.at))) expect(gap).toBeGreaterThanOrEqual(500);
  });
});
