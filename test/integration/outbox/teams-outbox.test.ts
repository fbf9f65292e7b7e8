import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Conversation } from '../../../src/chat/conversation';
import { createTeamsApp } from '../../../src/chat/teams/teams-app';
import { sequentialIds } from '../../../src/kernel/ids';
import { silentLogger } from '../../../src/kernel/logger';
import { createDispatcher } from '../../../src/outbox/dispatcher';
import { createOutbox } from '../../../src/outbox/outbox';
import type { Store } from '../../../src/store/port';
import { cardOf, startFakeBotConnector } from '../../fakes/fake-bot-connector';
import { fakeTime, reply } from '../../support/outbox';
import { describeEachStore } from '../../support/stores';
import { installed } from '../../support/teams-activities';

const USER = { id: '29:lin', name: 'Lin Ito', aadObjectId: 'aad-lin' };
const conversation: Conversation = { handle: async () => reply('hello'), home: async () => reply('welcome home') };

let connector: Awaited<ReturnType<typeof startFakeBotConnector>>;
beforeAll(async () => {
  connector = await startFakeBotConnector();
});
afterAll(() => connector.close());
beforeEach(() => {
  connector.calls.length = 0;
  connector.faults.length = 0;
});

describeEachStore('Teams delivery through the outbox', (harness) => {
  let store: Store;
  let http: Server;
  let base: string;
  let teams: ReturnType<typeof createTeamsApp>;
  beforeEach(async () => {
    store = await harness().open();
    teams = createTeamsApp({
      teams: { appType: 'MultiTenant', allowUnauthenticated: true },
      conversation,
      store: () => store,
      log: silentLogger,
    });
    const app = express().use(teams.router);
    http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  const wire = () => {
    const time = fakeTime();
    const outbox = createOutbox({ repo: store.outbox, clock: time.clock, ids: sequentialIds() });
    const dispatcher = createDispatcher({
      repo: store.outbox,
      senders: { teams: teams.sender },
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
    });
    return { outbox, dispatcher };
  };
  const install = async () => {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(installed(connector.serviceUrl, USER)),
    });
    expect(res.status).toBe(200);
  };

  it('stores the conversation on install and sends to the person there, proactively', async () => {
    await install();
    expect(await store.conversations.get('teams', 'aad-lin')).toMatchObject({
      key: 'aad-lin',
      personId: null,
      ref: { serviceUrl: connector.serviceUrl, conversation: { id: 'a:personal-aad-lin' } },
    });
    const { outbox, dispatcher } = wire();
    await outbox.send({ dedupeKey: 'reminder:1', platform: 'teams', target: 'aad-lin', reply: reply('3 items wait') });
    expect(await dispatcher.drain()).toMatchObject({ sent: 1, dead: 0 });
    const sent = connector.posted().filter((c) => c.conversationId === 'a:personal-aad-lin');
    // The welcome card on install, then the reminder.
    expect(sent.map((c) => (cardOf(c.activity) as { fallbackText: string }).fallbackText)).toEqual([
      'welcome home',
      '3 items wait',
    ]);
  });

  it('marks a message dead when nobody with that id installed the app', async () => {
    const { outbox, dispatcher } = wire();
    await outbox.send({ dedupeKey: 'reminder:2', platform: 'teams', target: 'aad-nobody', reply: reply('hi') });
    expect(await dispatcher.drain()).toMatchObject({ sent: 0, dead: 1 });
    const [dead] = await store.outbox.list({ status: 'dead' });
    expect(dead?.lastError).toMatch(/no Teams conversation is stored for "aad-nobody"/);
  });

  it('marks a message dead when the Bot Connector refuses it (403: the bot was removed)', async () => {
    await install();
    connector.inject({ status: 403 });
    const { outbox, dispatcher } = wire();
    await outbox.send({ dedupeKey: 'reminder:3', platform: 'teams', target: 'aad-lin', reply: reply('hi') });
    expect(await dispatcher.drain()).toMatchObject({ sent: 0, dead: 1 });
    const [dead] = await store.outbox.list({ status: 'dead' });
    expect(dead).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/HTTP 403/) });
  });
});
