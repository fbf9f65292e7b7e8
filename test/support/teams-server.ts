import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { silentLogger } from '../../src/kernel/logger';
import { startServer } from '../../src/server/start-server';
import { openLocalBackend } from '../../src/store/local/local-backend';
import { createStore, type Store } from '../../src/store/port';
import { cardOf, type FakeTeamsMember, startFakeBotConnector } from '../fakes/fake-bot-connector';
import { startFakeBotLogin } from '../fakes/fake-bot-login';
import { until } from './slack-requests';
import { cardInvoke, type TeamsUser } from './teams-activities';

export const APP_ID = '9a0c6b5e-3f1d-4c7a-8e2b-5d4f6a7b8c9d';
export const OUTBOUND = 'fake-outbound-token';

export type Card = { fallbackText: string; body: unknown[] };
export type Execute = { type: string; title: string; verb: string; data: { verb: string; value: string } };

/** Every Action.Execute of a card, in order (they sit in ActionSets at any depth). */
export const actionsOf = (card: unknown): Execute[] => {
  const found: Execute[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ((node as { type?: string }).type === 'Action.Execute') found.push(node as Execute);
      else Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
};

/**
 * controlbot with MICROSOFT_APP_ID set on a fresh local store, checking tokens against a loopback
 * OpenID/JWKS server and replying through a loopback Bot Connector; `seed` writes to the store
 * before the server opens it. `post` sends an activity with a valid channel token (or `token`).
 */
export async function startTeamsServer(options: {
  members?: Record<string, FakeTeamsMember>;
  seed?: (store: Store, serviceUrl: string) => Promise<void>;
}) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-teams-'));
  const login = await startFakeBotLogin();
  const connector = await startFakeBotConnector({ token: OUTBOUND, members: options.members });
  const seeding = createStore(await openLocalBackend(dir, silentLogger));
  await options.seed?.(seeding, connector.serviceUrl);
  await seeding.close();
  const config = loadConfig({
    PORT: '0',
    CONTROLBOT_DATA_DIR: dir,
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'not-used-offline',
    CONTROLBOT_WEB_CHAT: 'true',
  });
  const server = await startServer({
    config,
    log: silentLogger,
    host: '127.0.0.1',
    handleSignals: false,
    outboxIntervalMs: 100,
    botFramework: {
      openIdMetadataUrl: login.openIdMetadataUrl,
      tokenIssuer: login.issuer,
      outboundToken: async () => OUTBOUND,
    },
  });
  const base = `http://127.0.0.1:${server.port}`;
  const validToken = () => login.token({ aud: APP_ID, serviceUrl: connector.serviceUrl });
  const post = (activity: object, token: string | null = validToken()) =>
    fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(activity),
    });
  return {
    connector,
    login,
    base,
    post,
    /** Posts a message and returns the card of the reply the bot posted to the fake connector. */
    async say(activity: { id: string }): Promise<Card> {
      expect((await post(activity)).status).toBe(200);
      const reply = connector.posted().find((c) => c.replyToId === activity.id);
      return cardOf(reply?.activity) as unknown as Card;
    },
    /** Presses an Action.Execute (with form inputs) and returns the invoke response: the updated card. */
    async press(user: TeamsUser, action: Execute, fields: Record<string, string> = {}) {
      const res = await post(cardInvoke(connector.serviceUrl, user, action.verb, { ...action.data, ...fields }));
      expect(res.status).toBe(200);
      return (await res.json()) as { statusCode: number; type: string; value: Card };
    },
    /**
     * Waits for the demo campaign the shipped quarterly review creates at first start, asking the
     * web chat: a Teams message would find the directory still empty and remember the miss.
     */
    async campaignReady() {
      const reviews = async () => {
        const res = await fetch(`${base}/chat/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identity: 'p003', text: 'reviews' }),
        });
        return ((await res.json()) as { text: string }).text;
      };
      return until(async () => /^\d+ access review item/.test(await reviews()), 20_000);
    },
    /** Stops everything and hands the stopped server's store to `inspect` before the folder goes. */
    async stop<T>(inspect: (store: Store) => Promise<T> = async () => undefined as T): Promise<T> {
      await server.stop();
      const store = createStore(await openLocalBackend(dir, silentLogger));
      try {
        return await inspect(store);
      } finally {
        await store.close();
        await Promise.all([connector.close(), login.close()]);
        await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
      }
    },
  };
}

export type TeamsServer = Awaited<ReturnType<typeof startTeamsServer>>;
