import { createSlackSender } from '../../../src/chat/slack/slack-sender';
import { sequentialIds } from '../../../src/kernel/ids';
import { createDispatcher } from '../../../src/outbox/dispatcher';
import { createOutbox } from '../../../src/outbox/outbox';
import type { Store } from '../../../src/store/port';
import { startFakeSlack } from '../../fakes/fake-slack';
import { fakeTime, reply } from '../../support/outbox';
import { describeEachStore } from '../../support/stores';

const TOKEN = 'xoxb-outbox-test';

let slack: Awaited<ReturnType<typeof startFakeSlack>>;
beforeAll(async () => {
  slack = await startFakeSlack(TOKEN);
});
afterAll(() => slack.close());
beforeEach(() => {
  slack.calls.length = 0;
  slack.faults.length = 0;
  slack.chaos(null);
});

describeEachStore('Slack delivery through the outbox', (harness) => {
  let store: Store;
  let time: ReturnType<typeof fakeTime>;
  let ids: ReturnType<typeof sequentialIds>;
  beforeEach(async () => {
    store = await harness().open();
    time = fakeTime();
    ids = sequentialIds();
  });

  const wire = (token = TOKEN) => {
    const outbox = createOutbox({ repo: store.outbox, clock: time.clock, ids });
    const dispatcher = createDispatcher({
      repo: store.outbox,
      senders: { slack: createSlackSender({ token, apiUrl: slack.apiUrl }) },
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      rateLimitPerSec: { slack: 50 },
    });
    /** Drains, letting fixed-clock time pass between rounds, until nothing is left to send. */
    const deliverAll = async () => {
      for (let round = 0; round < 30; round++) {
        await dispatcher.drain();
        if ((await store.outbox.list({ status: 'pending' })).length === 0) return round;
        time.clock.advance(60_000);
      }
      throw new Error('messages still pending after 30 rounds');
    };
    return { outbox, deliverAll };
  };

  /** chat.postMessage calls Slack accepted, counted by message text (each text names its dedupe key). */
  const accepted = () => {
    const counts = new Map<string, number>();
    for (const c of slack.calls.filter((c) => c.method === 'chat.postMessage' && c.ok)) {
      const text = String(c.args.text);
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    return counts;
  };

  it('delivers every message exactly once through 429s (Retry-After 1) and 503s', async () => {
    const { outbox, deliverAll } = wire();
    slack.inject({ method: 'chat.postMessage', status: 429, retryAfter: 1, times: 2 });
    slack.inject({ method: 'chat.postMessage', status: 503, times: 2 });
    slack.inject({ method: 'conversations.open', status: 500 });
    const keys = Array.from({ length: 8 }, (_, i) => `notice:${i}`);
    for (const [i, key] of keys.entries()) {
      const target = i < 2 ? 'U1' : `C${i}`;
      await outbox.send({ dedupeKey: key, platform: 'slack', target, reply: reply(`text for ${key}`) });
    }
    expect(
      (await outbox.send({ dedupeKey: 'notice:3', platform: 'slack', target: 'C3', reply: reply('again') })).created,
    ).toBe(false);

    await deliverAll();

    expect(slack.calls.filter((c) => c.status === 429 || c.status >= 500)).toHaveLength(5);
    expect(accepted()).toEqual(new Map(keys.map((k) => [`text for ${k}`, 1])));
    expect((await store.outbox.list({ status: 'sent' })).map((r) => r.dedupeKey).sort()).toEqual(keys);
    const opens = slack.calls.filter((c) => c.method === 'conversations.open');
    expect(opens.filter((c) => c.ok).map((c) => c.args.users)).toEqual(['U1']);
    const dms = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === 'DU1');
    expect(dms).toHaveLength(2);
    expect(new Set(slack.calls.filter((c) => c.ts).map((c) => c.ts)).size).toBe(keys.length);
  });

  it('loses nothing and duplicates nothing under seeded random 429s and 5xx', async () => {
    const { outbox, deliverAll } = wire();
    slack.chaos({ rate429: 0.2, rate5xx: 0.1, retryAfterSec: 1, seed: 7 });
    const keys = Array.from({ length: 30 }, (_, i) => `digest:${i}`);
    for (const key of keys) {
      await outbox.send({
        dedupeKey: key,
        platform: 'slack',
        target: `C${key.length}`,
        reply: reply(`text for ${key}`),
      });
    }
    await deliverAll();
    expect(slack.calls.some((c) => c.status === 429)).toBe(true);
    expect(accepted()).toEqual(new Map(keys.map((k) => [`text for ${k}`, 1])));
    expect(await store.outbox.list({ status: 'dead' })).toEqual([]);
  });

  it('marks messages dead on errors no retry can fix', async () => {
    const { outbox, deliverAll } = wire();
    slack.inject({ method: 'chat.postMessage', error: 'channel_not_found' });
    await outbox.send({ dedupeKey: 'gone', platform: 'slack', target: 'C404', reply: reply('hello?') });
    await deliverAll();
    expect(await store.outbox.get('ob_000001')).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await store.outbox.get('ob_000001'))?.lastError).toMatch(/channel_not_found/);

    const badToken = wire('xoxb-revoked');
    await badToken.outbox.send({ dedupeKey: 'auth', platform: 'slack', target: 'C1', reply: reply('hi') });
    await badToken.deliverAll();
    expect((await store.outbox.list({ status: 'dead' })).map((r) => r.lastError)).toEqual([
      expect.stringMatching(/channel_not_found/),
      expect.stringMatching(/invalid_auth/),
    ]);
  });
});

describe('Slack sender errors, as the outbox sees them', () => {
  const sendOnce = (target = 'C1', apiUrl = slack.apiUrl) =>
    createSlackSender({ token: TOKEN, apiUrl, timeoutMs: 2000 })
      .send(target, reply('hi'))
      .then(
        () => null,
        (err: unknown) => err,
      );

  it('turns 429 into a wait of Retry-After, 5xx and network failures into transient errors', async () => {
    slack.inject({ method: 'chat.postMessage', status: 429, retryAfter: 2 });
    expect(await sendOnce()).toMatchObject({ name: 'SendError', permanent: false, retryAfterMs: 2000 });
    slack.inject({ method: 'chat.postMessage', status: 503 });
    expect(await sendOnce()).toMatchObject({
      permanent: false,
      message: 'Slack answered HTTP 503',
      retryAfterMs: undefined,
    });
    expect(await sendOnce('C1', 'http://127.0.0.1:9/api/')).toMatchObject({
      permanent: false,
      message: 'Slack could not be reached',
    });
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
  });

  it('turns channel_not_found, user_not_found and not_in_channel into permanent errors, others transient', async () => {
    for (const error of ['channel_not_found', 'not_in_channel']) {
      slack.inject({ method: 'chat.postMessage', error });
      expect(await sendOnce()).toMatchObject({ permanent: true, message: `Slack answered "${error}"` });
    }
    slack.inject({ method: 'conversations.open', error: 'user_not_found' });
    expect(await sendOnce('U404')).toMatchObject({ permanent: true });
    slack.inject({ method: 'chat.postMessage', error: 'internal_error' });
    expect(await sendOnce()).toMatchObject({ permanent: false, message: 'Slack answered "internal_error"' });
  });
});
