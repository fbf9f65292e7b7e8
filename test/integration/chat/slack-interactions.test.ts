import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Form } from '../../../src/chat/model';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/kernel/logger';
import { type RunningServer, startServer } from '../../../src/server/start-server';
import { openLocalBackend } from '../../../src/store/local/local-backend';
import { createStore } from '../../../src/store/port';
import { startFakeSlack } from '../../fakes/fake-slack';
import { createDummyPerson } from '../../support/records';
import { signSlack, until } from '../../support/slack-requests';

const SECRET = 'a'.repeat(32);
const TOKEN = 'xoxb-test-token';

let dir: string;
let server: RunningServer;
let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let base: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-slack-home-'));
  slack = await startFakeSlack(TOKEN, { U1: { email: 'ada@example.com', real_name: 'Ada L.' } });
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
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
});
beforeEach(() => {
  slack.calls.length = 0;
  slack.responses.length = 0;
});

const post = (raw: string, type: string) =>
  fetch(base, { method: 'POST', body: raw, headers: { 'content-type': type, ...signSlack(SECRET, raw) } });
const postEvent = (event: object) =>
  post(
    JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'Ev1', event_time: 1, event }),
    'application/json',
  );
const postPayload = (payload: object) =>
  post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
const called = (method: string) => slack.calls.filter((c) => c.method === method);
const texts = (blocks: unknown) => JSON.stringify(blocks);

const REASON_FORM: Form = {
  type: 'form',
  title: 'Why revoke?',
  submit: { label: 'Show control', action: 'control.show', value: '9.2.5' },
  fields: [{ name: 'reason', label: 'Reason', multiline: true, required: true }],
};
const submission = (reason: string) => ({
  type: 'view_submission',
  team: { id: 'T1', domain: 't1' },
  user: { id: 'U1', team_id: 'T1' },
  api_app_id: 'A1',
  trigger_id: 'trig-submit',
  view: {
    id: 'V2',
    type: 'modal',
    callback_id: 'form',
    private_metadata: JSON.stringify({ action: 'control.show', value: '9.2.5', channel: 'C1' }),
    blocks: [{ type: 'input', block_id: 'reason', optional: false, element: { type: 'plain_text_input' } }],
    state: { values: { reason: { reason: { type: 'plain_text_input', value: reason } } } },
  },
});

describe('Slack App Home', () => {
  it('publishes the home view for the person who opened the Home tab', async () => {
    const res = await postEvent({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1' });
    expect(res.status).toBe(200);
    expect(await until(() => called('views.publish').length > 0)).toBe(true);
    const [publish] = called('views.publish');
    expect(publish?.args).toMatchObject({ user_id: 'U1', view: { type: 'home' } });
    const blocks = texts((publish?.args.view as { blocks?: unknown } | undefined)?.blocks);
    expect(blocks).toContain('Hi Ada Lovelace! Here is what is waiting for you.');
    expect(blocks).toContain('Ask me about security and compliance');
  });

  it('leaves the Messages tab alone', async () => {
    await postEvent({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'messages', event_ts: '1' });
    await new Promise((r) => setTimeout(r, 200));
    expect(called('views.publish')).toEqual([]);
  });

  it('answers a button pressed in the Home tab in the DM, then republishes the Home tab', async () => {
    const res = await postPayload({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      api_app_id: 'A1',
      trigger_id: 'trig-home',
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', type: 'home', blocks: [], state: { values: {} } },
      actions: [{ type: 'button', action_id: 'control.show:0', block_id: 'b', value: '9.2.5', action_ts: '1' }],
    });
    expect(res.status).toBe(200);
    expect(await until(() => called('views.publish').length > 0)).toBe(true);
    expect(called('chat.postMessage').map((c) => [c.args.channel, c.args.text])).toEqual([
      ['U1', '9.2.5 Review of user access rights'],
    ]);
    expect(called('views.publish')[0]?.args).toMatchObject({ user_id: 'U1', view: { type: 'home' } });
  });
});

describe('Slack forms (modals)', () => {
  it('opens the form a message carries as a modal with the trigger_id of the press', async () => {
    await postPayload({
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      api_app_id: 'A1',
      trigger_id: 'trig-form',
      channel: { id: 'C1' },
      response_url: slack.responseUrl('form'),
      actions: [{ type: 'button', action_id: 'form.open', block_id: 'b', value: JSON.stringify(REASON_FORM) }],
    });
    expect(await until(() => called('views.open').length > 0)).toBe(true);
    const view = called('views.open')[0]?.args.view as Record<string, unknown>;
    expect(called('views.open')[0]?.args.trigger_id).toBe('trig-form');
    expect(view).toMatchObject({ type: 'modal', callback_id: 'form', title: { text: 'Why revoke?' } });
    expect(JSON.parse(String(view.private_metadata))).toEqual({
      action: 'control.show',
      value: '9.2.5',
      channel: 'C1',
    });
    expect(view.blocks).toContainEqual(expect.objectContaining({ type: 'input', block_id: 'reason', optional: false }));
  });

  it('turns a submission into the action for the core and sends the answer to the DM', async () => {
    const res = await postPayload(submission('quarterly access review'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(await until(() => called('chat.postMessage').length > 0)).toBe(true);
    const [dm] = called('chat.postMessage');
    expect(dm?.args).toMatchObject({ channel: 'U1', text: '9.2.5 Review of user access rights' });
    expect(texts(dm?.args.blocks)).toContain('9.2.5');
  });

  it('shows an error on a required field left blank, and sends nothing to the core', async () => {
    const res = await postPayload(submission('   '));
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { reason: 'Please fill this in' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(called('chat.postMessage')).toEqual([]);
  });
});
