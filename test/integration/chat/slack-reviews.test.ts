import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { NOT_DELIVERED } from '../../../src/chat/slack/slack-deliver';
import { silentLogger } from '../../../src/kernel/logger';
import { openLocalBackend } from '../../../src/store/local/local-backend';
import { createStore } from '../../../src/store/port';
import { signSlack, until } from '../../support/slack-requests';
import { startSlackSession } from '../../support/slack-session';

type Session = Awaited<ReturnType<typeof startSlackSession>>;
interface Button {
  text: { text: string };
  action_id: string;
  value: string;
}

// Slack users whose profile emails are directory people of the demo data: p003 reviews items, p005 is a compliance lead.
const people = parse(readFileSync(path.join(__dirname, '../../../data/samples/people.csv'), 'utf8'), {
  columns: true,
}) as { id: string; name: string; email: string }[];
const slackUser = (id: string) => {
  const p = people.find((row) => row.id === id);
  if (!p) throw new Error(`${id} is not in data/samples/people.csv`);
  return { email: p.email, real_name: p.name };
};
const JSON_TYPE = 'application/json';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let s: Session;
let decide: Button[] = [];
const called = (method: string) => s.slack.calls.filter((c) => c.method === method);
const buttonsOf = (body: Record<string, unknown>) =>
  (body.blocks as { type: string; elements?: Button[] }[]).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []) : [],
  );
/** The n-th item's button with this label, from the list in beforeAll. */
const button = (label: string, n: number) => decide.filter((b) => b.text.text === label)[n] as Button;
const itemOf = (b: Button) => (JSON.parse(b.value) as { i: string }).i;
const press = async (user: string, b: Button) => {
  const { id, payload } = s.press(user, b);
  expect((await s.postPayload(payload)).status).toBe(200);
  return id;
};

beforeAll(async () => {
  s = await startSlackSession({ U3: slackUser('p003'), U5: slackUser('p005') });
  // The shipped quarterly review is caught up at first start: the demo campaign.
  await s.demoCampaign('p003');
  decide = buttonsOf(await s.command('U3', 'reviews')).filter((b) => b.action_id.startsWith('review.decide:'));
});
afterAll(async () => {
  await s.stop();
  await fs.rm(s.dir, { recursive: true, force: true, maxRetries: 5 });
});
beforeEach(() => {
  s.slack.calls.length = 0;
  s.slack.responses.length = 0;
  s.slack.faults.length = 0;
});

describe('access reviews in Slack, through signed requests', () => {
  it('lists a reviewer’s items with Keep and Revoke buttons at the response_url', async () => {
    const list = await s.command('U3', 'reviews');
    expect(list).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/waiting for you$/) });
    expect(decide.map((b) => b.text.text).slice(0, 4)).toEqual(['Keep', 'Revoke', 'Modify', 'Delegate']);
    expect(JSON.parse(button('Keep', 0).value)).toEqual({ i: expect.any(String), d: 'keep' });
  });

  it('records a Keep once, for a repeated press and for a double click', async () => {
    expect((await s.responded(await press('U3', button('Keep', 0)))).text).toMatch(/^Kept: /);
    expect((await s.responded(await press('U3', button('Keep', 0)))).text).toMatch(/^Already recorded/);
    // A double click: both presses arrive together.
    const ids = await Promise.all([press('U3', button('Keep', 3)), press('U3', button('Keep', 3))]);
    const texts = await Promise.all(ids.map(async (id) => String((await s.responded(id)).text)));
    expect(texts.sort()).toEqual([expect.stringMatching(/^Already recorded/), expect.stringMatching(/^Kept: /)]);
  });

  it('asks the reason for a revocation in a modal, refuses an empty one, and confirms in a DM', async () => {
    const id = await press('U3', button('Revoke', 1));
    expect(await until(() => called('views.open').length > 0)).toBe(true);
    const [open] = called('views.open');
    expect(open?.args.trigger_id).toBe(`trig-${id}`);
    const view = open?.args.view as Record<string, unknown>;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'form', title: { text: 'Revoke access' } });
    expect(view.blocks).toContainEqual(
      expect.objectContaining({ type: 'input', block_id: 'reason', optional: false, label: expect.anything() }),
    );
    expect(JSON.stringify(view.blocks)).toContain('Why revoke it?');

    const empty = await s.postPayload(s.submission('U3', view, { reason: '   ' }));
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { reason: 'Please fill this in' } });
    await pause(200);
    expect(called('chat.postMessage')).toEqual([]);

    const res = await s.postPayload(s.submission('U3', view, { reason: 'left the team in August' }));
    expect([res.status, await res.text()]).toEqual([200, '']);
    expect(await until(() => called('chat.postMessage').length > 0 && called('views.publish').length > 0)).toBe(true);
    const [dm] = called('chat.postMessage');
    expect(dm?.args).toMatchObject({ channel: 'U3', text: expect.stringMatching(/^Revocation recorded: /) });
    expect(JSON.stringify(dm?.args.blocks)).toMatch(/Attestation [0-9a-f]{12}/);
  });

  it('rejects a button press with a forged signature with 401 and does nothing', async () => {
    const { payload } = s.press('U3', button('Keep', 2));
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await fetch(s.url, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlack('f'.repeat(32), raw) },
    });
    expect(res.status).toBe(401);
    await pause(300);
    expect([s.slack.calls, s.slack.responses]).toEqual([[], []]);
  });

  it('answers an event once when Slack retries it, and answers a retry whose first delivery was lost', async () => {
    // Each delivery is signed at its own time, as Slack does: a minute apart, within the 5-minute window.
    const at = (minutesAgo: number) => Math.floor(Date.now() / 1000) - minutesAgo * 60;
    const retry = (n: number, reason: string) => ({ 'x-slack-retry-num': String(n), 'x-slack-retry-reason': reason });
    const dm = s.dmEvent('U3', 'help', 'EvDM1');
    await s.post(dm, JSON_TYPE, {}, at(3));
    expect(await until(() => called('chat.postMessage').length === 1)).toBe(true);
    expect((await s.post(dm, JSON_TYPE, retry(1, 'http_timeout'), at(2))).status).toBe(200);
    expect((await s.post(dm, JSON_TYPE, retry(2, 'http_error'), at(1))).status).toBe(200);
    const lost = s.dmEvent('U3', 'help', 'EvDM2');
    expect((await s.post(lost, JSON_TYPE, retry(1, 'connection_failed'), at(2))).status).toBe(200);
    expect((await s.post(lost, JSON_TYPE, retry(2, 'connection_failed'), at(1))).status).toBe(200);
    await pause(500);
    expect(called('chat.postMessage').map((c) => c.args.text)).toEqual([
      'How to use controlbot',
      'How to use controlbot',
    ]);
  });

  it('shows the programme status to compliance leads only', async () => {
    expect((await s.command('U3', 'status')).text).toMatch(/^Only compliance leads/);
    const lead = await s.command('U5', 'status');
    // Three decisions so far: two Keeps and one revocation; the forged press recorded nothing.
    expect(JSON.stringify(lead.blocks)).toMatch(/3 of 1476 decided/);
  });
});

describe('when the Slack Web API fails', () => {
  it('still answers a DM after a 5xx on chat.postMessage (the client retries), and logs the failed attempt', async () => {
    s.slack.inject({ method: 'chat.postMessage', status: 503 });
    await s.post(s.dmEvent('U3', 'help', 'EvDM3'), JSON_TYPE);
    expect(await until(() => called('chat.postMessage').some((c) => c.ok), 5000)).toBe(true);
    expect(called('chat.postMessage').map((c) => c.status)).toEqual([503, 200]);
    expect(s.logs).toContainEqual(
      expect.objectContaining({ msg: 'a Slack Web API call failed; retrying', status: 503, retriesLeft: 2 }),
    );
  });

  it('logs in detail when an answer cannot be delivered, and says so in chat where it still can', async () => {
    s.slack.inject({ method: 'chat.postMessage', status: 503, times: 3 });
    s.slack.inject({ method: 'views.open', status: 500, times: 3 });
    await s.post(s.dmEvent('U3', 'help', 'EvDM4'), JSON_TYPE);
    const id = await press('U3', button('Revoke', 4));
    const failed = (answer: string) =>
      s.logs.some((l) => l.msg === 'a Slack answer could not be delivered' && l.answer === answer);
    expect(await until(() => failed('dm') && failed('action review.decide'), 8000)).toBe(true);
    expect(s.logs.find((l) => l.answer === 'dm')).toMatchObject({ level: 50, user: 'U3', status: 503 });
    expect(called('chat.postMessage').map((c) => c.status)).toEqual([503, 503, 503]);
    // The press came with a response_url: the person is told there, in one kind line.
    expect(await s.responded(id)).toMatchObject({ response_type: 'ephemeral', text: NOT_DELIVERED });
  });
});

describe('the ledger', () => {
  it('holds one attestation per decided item, and none for the forged press', async () => {
    await s.server.stop();
    const store = createStore(await openLocalBackend(s.dir, silentLogger));
    const keys = [button('Keep', 0), button('Keep', 3), button('Revoke', 1), button('Keep', 2)].map(
      (b) => `access-review.decision:${itemOf(b)}`,
    );
    const recorded = await store.attestations.byIdempotencyKeys(keys);
    await store.close();
    expect(recorded.map((a) => [a.idempotencyKey, a.decision]).sort()).toEqual(
      [
        [keys[0], 'keep'],
        [keys[1], 'keep'],
        [keys[2], 'revoke'],
      ].sort(),
    );
  });
});
