import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadCatalog } from '../../src/catalog/load-catalog';
import { loadConfig } from '../../src/config/load-config';
import { silentLogger } from '../../src/kernel/logger';
import { packageRoot } from '../../src/kernel/paths';
import { createLedger } from '../../src/ledger/ledger';
import { type RunningServer, startServer } from '../../src/server/start-server';
import { storeParts } from '../../src/server/store-parts';
import type { Store } from '../../src/store/port';
import type { AttestationRecord } from '../../src/store/records';
import { currentFailures } from '../../src/workflows/backup-check/current';
import type { Engine } from '../../src/workflows/engine';
import { createWorkflows } from '../../src/workflows/start-workflows';
import { cardOf, type FakeBotConnector, startFakeBotConnector } from '../fakes/fake-bot-connector';
import { startFakeBotLogin } from '../fakes/fake-bot-login';
import { type SlackCall, startFakeSlack } from '../fakes/fake-slack';
import { signSlack, until } from '../support/slack-requests';
import { MONGODB_URI, mongoHarness, type StoreHarness } from '../support/stores';
import { cardInvoke, personalMessage, type TeamsUser } from '../support/teams-activities';
import { APP_ID, actionsOf, type Card, type Execute, OUTBOUND } from '../support/teams-server';

/**
 * Issue 7, end to end: the shipped workflows on a real server (Slack over HTTP against the fake
 * Web API and Teams against the fake Bot Connector, on one MongoDB store), a backup check run as
 * the scheduler runs it, the owner's card delivered by the server's outbox, the Acknowledge press,
 * the attestation, and the weekly digest the compliance leads get, first in Slack, then in Teams.
 */
const SECRET = 'e'.repeat(32);
const TOKEN = 'xoxb-e2e-follow-up';
const IN_CI = process.env.CI === 'true';
const JSON_TYPE = 'application/json';

const people = parse(readFileSync(path.join(packageRoot(), 'data/samples/people.csv'), 'utf8'), {
  columns: true,
}) as { id: string; name: string; email: string; roles: string }[];
const person = (id: string) => {
  const p = people.find((row) => row.id === id);
  if (!p) throw new Error(`${id} is not in data/samples/people.csv`);
  return p;
};

// data/samples/backup-register.csv + backups.json: billing-postgres (owner p107) misses its 12 h
// RPO and github-enterprise (owner p003) its restore test; p002 and p005 are the compliance leads.
const SLACK_OWNER = { personId: 'p107', user: 'U107', system: 'billing-postgres' };
const SLACK_LEAD = { personId: 'p002', user: 'U002' };
const PRIYA: TeamsUser = { id: '29:priya', name: 'Priya Raman', aadObjectId: 'aad-priya' };
const DANIEL: TeamsUser = { id: '29:daniel', name: 'Daniel Mensah', aadObjectId: 'aad-daniel' };
const TEAMS_OWNER = { personId: 'p003', user: PRIYA, system: 'github-enterprise' };
const TEAMS_LEAD = { personId: 'p005', user: DANIEL };

interface SlackButton {
  text: { text: string };
  action_id: string;
  value: string;
}
const buttonsOf = (call: SlackCall) =>
  ((call.args.blocks ?? []) as { type: string; elements?: SlackButton[] }[]).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []) : [],
  );

async function attestations(store: Store, type: string) {
  const out: AttestationRecord[] = [];
  for await (const a of store.attestations.scan({ type })) out.push(a);
  return out;
}

/** Polls `find` until it returns something, or fails naming `what`. */
async function waitFor<T>(what: string, find: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  let found: T | undefined;
  const ok = await until(async () => {
    found = await find();
    return found !== undefined;
  }, ms);
  if (!ok || found === undefined) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
  return found;
}

const suite = MONGODB_URI ? describe : describe.skip;
if (!MONGODB_URI) {
  if (IN_CI) {
    it('needs a MongoDB-compatible server in CI', () => {
      throw new Error('MONGODB_URI is unset with CI=true: run the tests through test/with-ferretdb.js (npm test does)');
    });
  } else {
    console.warn(
      'NOTICE: the follow-up end-to-end test skipped: MONGODB_URI is unset (npm test starts FerretDB when installed)',
    );
    it.todo('schedule → run → chat → button → attestation → digest, in Slack and Teams (set MONGODB_URI)');
  }
}

suite('backup follow-up end to end: schedule, chat card, acknowledgement, attestation, digest', () => {
  jest.setTimeout(90_000);
  let harness: StoreHarness;
  let store: Store;
  let server: RunningServer;
  let engine: Engine;
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;
  let connector: FakeBotConnector;
  let login: Awaited<ReturnType<typeof startFakeBotLogin>>;
  let exportsDir: string;
  let base: string;

  const slackUser = (id: string) => ({ email: person(id).email, real_name: person(id).name });
  const postSlack = (raw: string, type: string) =>
    fetch(`${base}/slack/events`, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': type, ...signSlack(SECRET, raw) },
    });
  const postTeams = (activity: object) =>
    fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': JSON_TYPE,
        authorization: `Bearer ${login.token({ aud: APP_ID, serviceUrl: connector.serviceUrl })}`,
      },
      body: JSON.stringify(activity),
    });
  const chatIdsOf = async (id: string) => (await store.people.get(id))?.chatIds ?? [];
  const linked = (id: string, chatId: string) =>
    waitFor(`${id} linked as ${chatId}`, async () => ((await chatIdsOf(id)).includes(chatId) ? true : undefined));
  const posted = (channel: string) =>
    slack.calls.filter((c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === channel);
  const teamsCards = (user: TeamsUser) =>
    connector
      .posted()
      // Replies and proactive messages alike (botbuilder posts both to …/activities/{id}).
      .filter((c) => c.conversationId === `a:personal-${user.aadObjectId}`)
      .map((c) => cardOf(c.activity) as unknown as Card | undefined)
      .filter((c): c is Card => c !== undefined);
  const runNow = async (workflow: string) => {
    const run = await engine.runNow(workflow);
    expect(run).toMatchObject({ workflow, caughtUp: false });
    return run;
  };

  beforeAll(async () => {
    harness = await mongoHarness(MONGODB_URI as string);
    exportsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-e2e-exports-'));
    slack = await startFakeSlack(TOKEN, {
      [SLACK_OWNER.user]: slackUser(SLACK_OWNER.personId),
      [SLACK_LEAD.user]: slackUser(SLACK_LEAD.personId),
    });
    login = await startFakeBotLogin();
    connector = await startFakeBotConnector({
      token: OUTBOUND,
      members: {
        [PRIYA.id]: { ...PRIYA, email: person(TEAMS_OWNER.personId).email },
        [DANIEL.id]: { ...DANIEL, email: person(TEAMS_LEAD.personId).email },
      },
    });
    const config = loadConfig({
      PORT: '0',
      MONGODB_URI: harness.env.MONGODB_URI,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-used-offline',
    });
    server = await startServer({
      config,
      log: silentLogger,
      host: '127.0.0.1',
      handleSignals: false,
      outboxIntervalMs: 200,
      botFramework: {
        openIdMetadataUrl: login.openIdMetadataUrl,
        tokenIssuer: login.issuer,
        outboundToken: async () => OUTBOUND,
      },
    });
    base = `http://127.0.0.1:${server.port}`;
    // The same database, opened in-process, as `controlbot workflows run` opens it beside a server.
    store = await harness.open();
    const catalog = await loadCatalog();
    ({ engine } = await createWorkflows({
      ...storeParts(() => store, catalog, silentLogger),
      catalog,
      root: packageRoot(),
      exportsDir,
      log: silentLogger,
    }));
    expect(await until(async () => (await fetch(`${base}/readyz`)).status === 200, 20_000)).toBe(true);
    // At first start the shipped workflows catch up their latest slots (the demo campaign among
    // them) and sync the directory. Nobody may write to the bot before: the identity lookup would
    // remember "not in the directory" for ten minutes.
    for (const name of ['daily-backup-check', 'monthly-supplier-review', 'quarterly-access-review', 'weekly-digest']) {
      await waitFor(
        `the caught-up ${name} run`,
        async () => {
          const run = await store.runs.latest(name);
          return run && run.status !== 'running' ? run : undefined;
        },
        60_000,
      );
    }
    for (const id of [SLACK_OWNER.personId, SLACK_LEAD.personId, TEAMS_OWNER.personId, TEAMS_LEAD.personId]) {
      expect(await store.people.get(id)).toMatchObject({ _id: id, status: 'active' });
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await Promise.allSettled([slack?.close(), connector?.close(), login?.close()]);
    await harness?.destroy();
    if (exportsDir) await fs.rm(exportsDir, { recursive: true, force: true });
  }, 60_000);

  // The two tests run in order on one server: the Teams one builds on the Slack acknowledgement.
  it('in Slack: the owner acknowledges the failing system from the DM card, and the lead’s digest shows it', async () => {
    // A first DM links each Slack user to the directory person with their profile email.
    let event = 0;
    for (const { user, personId } of [SLACK_OWNER, SLACK_LEAD]) {
      const raw = JSON.stringify({
        type: 'event_callback',
        team_id: 'T1',
        api_app_id: 'A1',
        event_id: `EvE2E${++event}`,
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'message',
          channel_type: 'im',
          channel: `D${user}`,
          user,
          text: 'help',
          ts: `1700000000.00030${event}`,
          event_ts: `1700000000.00030${event}`,
        },
      });
      expect((await postSlack(raw, JSON_TYPE)).status).toBe(200);
      await linked(personId, `slack:T1:${user}`);
    }

    // The scheduler's path: a new slot of the shipped daily backup check.
    const check = await runNow('daily-backup-check');
    expect(check?.steps.map((s) => [s.name, s.status])).toEqual([
      ['read evidence', 'pass'],
      ['check and record', 'pass'],
      ['notify owners', 'pass'],
    ]);
    // The server's outbox dispatcher delivers the owner's card in their DM.
    const card = await waitFor('the backup card in the owner’s Slack DM', () =>
      posted(`D${SLACK_OWNER.user}`).find((c) => buttonsOf(c).some((b) => b.text.text === 'Acknowledge')),
    );
    expect(card.args.text).toBe('Billing service PostgreSQL (RDS) (billing-postgres) failed the backup check.');
    expect(slack.calls.filter((c) => c.method === 'conversations.open').map((c) => c.args.users)).toContain(
      SLACK_OWNER.user,
    );
    const ack = buttonsOf(card).find((b) => b.text.text === 'Acknowledge') as SlackButton;
    expect(ack).toMatchObject({ action_id: expect.stringMatching(/^backup\.ack:\d+$/), value: SLACK_OWNER.system });

    // The owner presses Acknowledge: a signed block_actions with the message's response_url.
    const payload = {
      type: 'block_actions',
      team: { id: 'T1', domain: 't1' },
      user: { id: SLACK_OWNER.user, team_id: 'T1' },
      api_app_id: 'A1',
      trigger_id: 'trig-e2e-ack',
      container: { type: 'message', message_ts: card.ts, channel_id: card.args.channel, is_ephemeral: false },
      channel: { id: card.args.channel, name: 'directmessage' },
      message: { ts: card.ts, text: card.args.text },
      response_url: slack.responseUrl('e2e-ack'),
      actions: [{ type: 'button', block_id: 'b', action_ts: String(Date.now() / 1000), ...ack }],
    };
    const press = await postSlack(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(press.status).toBe(200);
    const answer = await waitFor('the answer at the response_url', () =>
      slack.responses.find((r) => r.path === '/respond/e2e-ack'),
    );
    expect(answer.body.text).toMatch(/^👀 Acknowledged: Billing service PostgreSQL/);

    // The acknowledgement is an attestation by the owner, made in Slack.
    const owner = person(SLACK_OWNER.personId);
    const acks = await attestations(store, 'backup-check.acknowledgement');
    expect(acks).toEqual([
      expect.objectContaining({
        subject: SLACK_OWNER.system,
        decision: 'acknowledged',
        actor: expect.objectContaining({ id: owner.email, name: owner.name, platform: 'slack' }),
        controlIds: ['12.3.1', '17.1.3'],
        idempotencyKey: expect.stringMatching(/^backup-check\.acknowledged:billing-postgres:/),
      }),
    ]);

    // The weekly digest reaches the compliance lead in Slack and tells who acknowledged what.
    const digest = await runNow('weekly-digest');
    expect(digest?.steps.map((s) => [s.name, s.status])).toEqual([
      ['compose', 'pass'],
      ['send', 'pass'],
    ]);
    const sent = await waitFor('the digest in the lead’s Slack DM', () =>
      posted(`D${SLACK_LEAD.user}`).find((c) => JSON.stringify(c.args.blocks).includes('Failed backup checks')),
    );
    const text = JSON.stringify(sent.args.blocks);
    const { failing } = await currentFailures(store);
    expect(failing.map((f) => f.system)).toEqual(expect.arrayContaining([SLACK_OWNER.system, TEAMS_OWNER.system]));
    for (const f of failing.slice(0, 10)) expect(text).toContain(`*${f.system}*`);
    expect(text).toContain(`acknowledged by ${owner.name}`);
    expect(text).toMatch(/github-enterprise\* \(Priya Raman\)[^•]*not acknowledged/);
    expect(text).toContain('Access reviews');
  });

  it('in Teams: the owner acknowledges from the proactive card, and the lead’s digest shows it', async () => {
    // A first message links each Teams user (getMember's email) and stores their conversation.
    for (const { user, personId } of [TEAMS_OWNER, TEAMS_LEAD]) {
      const hello = personalMessage(connector.serviceUrl, user, 'help');
      expect((await postTeams(hello)).status).toBe(200);
      expect(connector.posted().some((c) => c.replyToId === hello.id)).toBe(true);
      await linked(personId, `teams:${user.aadObjectId}`);
    }
    expect((await store.conversations.list('teams')).map((r) => [r.key, r.personId])).toEqual(
      expect.arrayContaining([
        [PRIYA.aadObjectId, TEAMS_OWNER.personId],
        [DANIEL.aadObjectId, TEAMS_LEAD.personId],
      ]),
    );

    // Another slot of the backup check: the Slack acknowledgement holds, Priya gets her card.
    const check = await runNow('daily-backup-check');
    expect(check?.steps[2]).toMatchObject({ status: 'pass' });
    const card = await waitFor('the proactive backup card to the owner in Teams', () =>
      teamsCards(PRIYA).find((c) => actionsOf(c).some((a) => a.title === 'Acknowledge')),
    );
    expect(card.fallbackText).toBe('GitHub Enterprise repositories (github-enterprise) failed the backup check.');
    const ack = actionsOf(card).find((a) => a.title === 'Acknowledge') as Execute;
    expect(ack).toMatchObject({ verb: 'backup.ack', data: { value: TEAMS_OWNER.system } });

    // Action.Execute: an adaptiveCard/action invoke whose response is the updated card.
    const res = await postTeams(cardInvoke(connector.serviceUrl, PRIYA, ack.verb, ack.data));
    expect(res.status).toBe(200);
    const updated = (await res.json()) as { statusCode: number; type: string; value: Card };
    expect(updated).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(updated.value.fallbackText).toMatch(/^👀 Acknowledged: GitHub Enterprise repositories/);

    const owner = person(TEAMS_OWNER.personId);
    const acks = await attestations(store, 'backup-check.acknowledgement');
    expect(acks.map((a) => [a.subject, a.decision, a.actor.id, a.actor.platform])).toEqual([
      [SLACK_OWNER.system, 'acknowledged', person(SLACK_OWNER.personId).email, 'slack'],
      [TEAMS_OWNER.system, 'acknowledged', owner.email, 'teams'],
    ]);

    // The digest reaches the Teams lead proactively and shows both acknowledgements.
    const before = teamsCards(DANIEL).length;
    await runNow('weekly-digest');
    const digest = await waitFor('the digest card to the lead in Teams', () =>
      teamsCards(DANIEL)
        .slice(before)
        .find((c) => JSON.stringify(c).includes('Failed backup checks')),
    );
    const text = JSON.stringify(digest);
    expect(text).toContain(`acknowledged by ${owner.name}`);
    expect(text).toContain(`acknowledged by ${person(SLACK_OWNER.personId).name}`);
    expect(text).toContain('Access reviews');

    // `controlbot attestations verify`: the chain written by the server and the runs holds.
    const catalog = await loadCatalog();
    const verified = await createLedger({
      attestations: store.attestations,
      catalogVersion: catalog.version,
      isKnownControl: (id) => catalog.get(id) !== undefined,
      log: silentLogger,
    }).verify();
    expect(verified).toMatchObject({ ok: true, firstBad: null });
    expect(verified.checked).toBeGreaterThanOrEqual(2);
  });
});
