import { createHmac } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/kernel/logger';
import { type RunningServer, startServer } from '../../../src/server/start-server';
import { openLocalBackend } from '../../../src/store/local/local-backend';
import { createStore } from '../../../src/store/port';
import { startFakeSlack } from '../../fakes/fake-slack';
import { createDummyPerson } from '../../support/records';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[yz]/g, 'f');
const TOKEN = 'xoxb-test-token';

const sign = (body: string, ts = Math.floor(Date.now() / 1000), secret = SECRET) => ({
  'x-slack-request-timestamp': String(ts),
  'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`,
});

const until = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
};

let dir: string;
let server: RunningServer;
let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let base: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-slack-'));
  slack = await startFakeSlack(TOKEN, { U1: { email: 'Ada@Example.com', real_name: 'Ada L.' } });
  // A directory person whose Slack profile email matches U1's.
  const seed = createStore(await openLocalBackend(dir, silentLogger));
  await seed.people.put(createDummyPerson());
  await seed.close();
  const config = loadConfig({
    PORT: '0',
    CONTROLBOT_DATA_DIR: dir,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  server = await startServer({ config, log: silentLogger, host: '127.0.0.1', handleSignals: false });
  base = `http://127.0.0.1:${server.port}/slack/events`;
  for (let i = 0; i < 100 && (await fetch(`http://127.0.0.1:${server.port}/readyz`)).status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
});
afterAll(async () => {
  await server.stop();
  await slack.close();
  // U1, mentioned in these tests, was linked to the directory person by the profile email.
  const store = createStore(await openLocalBackend(dir, silentLogger));
  const linked = (await store.people.get('p-ada'))?.chatIds;
  const votes = await store.votes.since(new Date(0));
  await store.close();
  expect(linked).toEqual(['slack:T1:U1']);
  expect(votes.map((v) => [v._id, v.helpful])).toEqual([['slack:U1:ans_1', false]]);
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
});
beforeEach(() => {
  slack.calls.length = 0;
  slack.responses.length = 0;
});

const postJson = (body: object, headers: Record<string, string> = {}) => {
  const raw = JSON.stringify(body);
  return fetch(base, {
    method: 'POST',
    body: raw,
    headers: { 'content-type': 'application/json', ...sign(raw), ...headers },
  });
};
const postForm = (fields: Record<string, string>) => {
  const raw = new URLSearchParams(fields).toString();
  return fetch(base, {
    method: 'POST',
    body: raw,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(raw) },
  });
};
const pressButton = (actionId: string, value: string, responseId: string) =>
  postForm({
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      api_app_id: 'A1',
      trigger_id: `t-${responseId}`,
      response_url: slack.responseUrl(responseId),
      actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
    }),
  });
const mention = (eventId: string, text: string) => ({
  type: 'event_callback',
  team_id: 'T1',
  api_app_id: 'A1',
  event_id: eventId,
  event_time: 1,
  event: {
    type: 'app_mention',
    user: 'U1',
    text,
    ts: '1700000000.000100',
    channel: 'C1',
    event_ts: '1700000000.000100',
  },
});

describe('Slack over HTTP (signed requests, fake Web API)', () => {
  it('links a Slack user to the directory by profile email, asking users.info once', async () => {
    await postJson(mention('Ev0a', '<@UBOT> do we need MFA on the AWS console?'));
    expect(await until(() => slack.calls.filter((c) => c.method === 'chat.postMessage').length === 1)).toBe(true);
    await postJson(mention('Ev0b', '<@UBOT> what does A.12.3.1 say?'));
    expect(await until(() => slack.calls.filter((c) => c.method === 'chat.postMessage').length === 2)).toBe(true);
    expect(slack.calls.filter((c) => c.method === 'users.info').map((c) => c.args.user)).toEqual(['U1']);
  });

  it('answers the URL verification challenge', async () => {
    const res = await postJson({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers a mention in its thread with Block Kit through chat.postMessage', async () => {
    const res = await postJson(mention('Ev1', '<@UBOT> can I copy prod data to staging?'));
    expect(res.status).toBe(200);
    expect(await until(() => slack.calls.some((c) => c.method === 'chat.postMessage'))).toBe(true);
    const call = slack.calls.find((c) => c.method === 'chat.postMessage');
    expect(call).toMatchObject({ token: TOKEN, args: { channel: 'C1', thread_ts: '1700000000.000100' } });
    const blocks = call?.args.blocks as { type: string; elements?: { action_id: string }[] }[];
    expect(blocks.find((b) => b.type === 'actions')?.elements?.[0]?.action_id).toMatch(/^control\.show:/);
    expect(String(call?.args.text)).toMatch(/^\*Our policy/);
  });

  it('does not answer a Slack retry of an event a second time', async () => {
    await postJson(mention('Ev2', '<@UBOT> what is 9.2.5'), {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('acks the slash command at once and responds through response_url', async () => {
    const started = Date.now();
    const res = await postForm({
      command: '/controlbot',
      text: 'control A.9.2.5',
      team_id: 'T1',
      user_id: 'U1',
      channel_id: 'C1',
      response_url: slack.responseUrl('cmd1'),
      trigger_id: 't1',
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await until(() => slack.responses.length > 0)).toBe(true);
    expect(slack.responses[0]?.body).toMatchObject({
      response_type: 'ephemeral',
      text: '9.2.5 Review of user access rights',
    });
  });

  it('opens a control from its button', async () => {
    expect((await pressButton('control.show:2', 'CLD.9.5.1', 'act1')).status).toBe(200);
    expect(await until(() => slack.responses.length > 0)).toBe(true);
    expect(slack.responses[0]?.body).toMatchObject({
      replace_original: false,
      text: 'CLD.9.5.1 Segregation in virtual computing environments',
    });
  });

  it('records a "was this helpful?" vote from its button and thanks the person', async () => {
    const value = JSON.stringify({ a: 'ans_1', h: false, q: 'can I copy prod data to staging?', c: ['12.1.4'] });
    expect((await pressButton('answer.vote:1', value, 'vote1')).status).toBe(200);
    expect(await until(() => slack.responses.length > 0)).toBe(true);
    expect(slack.responses[0]?.body).toMatchObject({ text: 'Thanks for the feedback!' });
  });

  it('rejects a forged signature, a stale timestamp and a replayed old body with 401, and does nothing', async () => {
    const raw = JSON.stringify(mention('Ev3', '<@UBOT> hello'));
    const forged = await fetch(base, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', ...sign(raw, undefined, 'f'.repeat(32)) },
    });
    const staleTs = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await fetch(base, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', ...sign(raw, staleTs) },
    });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('answers a signed slash command once and refuses the exact same request replayed (401)', async () => {
    const raw = new URLSearchParams({
      command: '/controlbot',
      text: 'help',
      team_id: 'T1',
      user_id: 'U1',
      channel_id: 'C1',
      response_url: slack.responseUrl('replay'),
      trigger_id: 't-replay',
    }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...sign(raw) };
    const first = await fetch(base, { method: 'POST', body: raw, headers });
    const replay = await fetch(base, { method: 'POST', body: raw, headers });
    expect([first.status, replay.status]).toEqual([200, 401]);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.responses.filter((r) => r.path.endsWith('/replay'))).toHaveLength(1);
  });
});

describe('Slack slash command without text', () => {
  it('gets the help card from the core', async () => {
    const res = await postForm({
      command: '/controlbot',
      text: '',
      team_id: 'T1',
      user_id: 'U9',
      channel_id: 'C1',
      response_url: slack.responseUrl('empty'),
      trigger_id: 't9',
    });
    expect(res.status).toBe(200);
    expect(await until(() => slack.responses.some((r) => r.path === '/respond/empty'))).toBe(true);
    expect(slack.responses.find((r) => r.path === '/respond/empty')?.body).toMatchObject({
      text: 'How to use controlbot',
    });
  });
});
