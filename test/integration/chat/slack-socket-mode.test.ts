import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { createLogger } from '../../../src/kernel/logger';
import { type RunningServer, startServer } from '../../../src/server/start-server';
import { startFakeSlack } from '../../fakes/fake-slack';
import { type SocketPeer, startFakeSlackSocket } from '../../fakes/fake-slack-socket';
import { until } from '../../support/slack-requests';

const TOKEN = 'xoxb-test-token';
const APP_TOKEN = 'xapp-1-A1-test';

let dir: string;
let server: RunningServer;
let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let edge: Awaited<ReturnType<typeof startFakeSlackSocket>>;
let peer: SocketPeer;
/** Everything the server logged, down to trace (where Bolt's payload dumps go). */
const logged: string[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-slack-socket-'));
  slack = await startFakeSlack(TOKEN, { U1: { email: 'ada@example.com', real_name: 'Ada L.' } });
  edge = await startFakeSlackSocket({ appToken: APP_TOKEN, webApiUrl: slack.apiUrl });
  const config = loadConfig({
    PORT: '0',
    CONTROLBOT_DATA_DIR: dir,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: edge.apiUrl,
  });
  const log = createLogger({ level: 'trace', destination: { write: (line: string) => void logged.push(line) } });
  server = await startServer({ config, log, host: '127.0.0.1', handleSignals: false });
  peer = await edge.connected();
  peer.send({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } });
});
afterAll(async () => {
  await server.stop();
  // stop() closed the WebSocket with a normal close handshake instead of dropping it.
  expect(peer.closeCode).toBe(1000);
  // Payloads were logged (at trace), their tokens never.
  expect(logged.some((l) => l.includes('can I copy prod data'))).toBe(true);
  expect(logged.filter((l) => /xapp-1-A1-test|xoxb-test-token|verification-secret/.test(l))).toEqual([]);
  await edge.close();
  await slack.close();
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
});
beforeEach(() => {
  slack.calls.length = 0;
  slack.responses.length = 0;
});

const mention = (eventId: string, text: string) => ({
  token: 'verification-secret',
  type: 'event_callback',
  team_id: 'T1',
  api_app_id: 'A1',
  event_id: eventId,
  event_time: 1,
  event: { type: 'app_mention', user: 'U1', text, ts: '1700000000.000100', channel: 'C1', event_ts: '1' },
});
const ackOf = (envelopeId: string) => peer.received.find((m) => m.envelope_id === envelopeId);

describe('Slack over Socket Mode (fake Socket Mode edge, fake Web API)', () => {
  it('opens the connection with the app-level token through SLACK_API_URL', () => {
    expect(edge.opens).toEqual([{ token: APP_TOKEN }]);
  });

  it('acks an app_mention envelope by its envelope_id and answers in the thread', async () => {
    peer.send({
      envelope_id: 'env-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: mention('Ev1', '<@UBOT> can I copy prod data to staging?'),
    });
    expect(await until(() => ackOf('env-1') !== undefined)).toBe(true);
    expect(ackOf('env-1')).toMatchObject({ envelope_id: 'env-1' });
    expect(await until(() => slack.calls.some((c) => c.method === 'chat.postMessage'))).toBe(true);
    expect(slack.calls.find((c) => c.method === 'chat.postMessage')).toMatchObject({
      token: TOKEN,
      args: { channel: 'C1', thread_ts: '1700000000.000100', text: expect.stringMatching(/^\*Our policy/) },
    });
  });

  it('acks a slash command envelope and responds through response_url', async () => {
    peer.send({
      envelope_id: 'env-2',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/controlbot',
        text: 'control A.9.2.5',
        team_id: 'T1',
        user_id: 'U1',
        channel_id: 'C1',
        response_url: slack.responseUrl('sock-cmd'),
        trigger_id: 't1',
      },
    });
    expect(await until(() => ackOf('env-2') !== undefined)).toBe(true);
    expect(ackOf('env-2')).toMatchObject({ envelope_id: 'env-2' });
    expect(await until(() => slack.responses.length > 0)).toBe(true);
    expect(slack.responses[0]).toMatchObject({
      path: '/respond/sock-cmd',
      body: { response_type: 'ephemeral', text: '9.2.5 Review of user access rights' },
    });
  });

  it('acks a redelivered event but does not answer it twice', async () => {
    peer.send({
      envelope_id: 'env-3',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: 'timeout',
      payload: mention('Ev1', '<@UBOT> can I copy prod data to staging?'),
    });
    expect(await until(() => ackOf('env-3') !== undefined)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('does not serve /slack/events, and still serves health', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const events = await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' });
    expect(events.status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('logs a refused app token with its fix, never the token, and keeps serving', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    const refused = await startServer({
      config: loadConfig({
        PORT: '0',
        // A store of its own: the embedded store is locked by the server of the other tests.
        CONTROLBOT_DATA_DIR: path.join(dir, 'refused'),
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_APP_TOKEN: 'xapp-1-A1-revoked',
        SLACK_API_URL: edge.apiUrl,
      }),
      log,
      host: '127.0.0.1',
      handleSignals: false,
    });
    try {
      expect(await until(() => lines.some((l) => l.includes('Slack refused the Socket Mode connection')))).toBe(true);
      expect(lines.find((l) => l.includes('refused the Socket Mode'))).toMatch(/check SLACK_APP_TOKEN/);
      expect(lines.filter((l) => l.includes('xapp-1-A1-revoked') || l.includes(TOKEN))).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${refused.port}/healthz`)).status).toBe(200);
    } finally {
      await refused.stop();
    }
  });

  it('keeps trying while Slack cannot be reached, and stops at once when asked', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (line: string) => void lines.push(line) } });
    const offline = await startServer({
      config: loadConfig({
        PORT: '0',
        CONTROLBOT_DATA_DIR: path.join(dir, 'offline'),
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      }),
      log,
      host: '127.0.0.1',
      handleSignals: false,
    });
    try {
      expect(await until(() => lines.some((l) => l.includes('could not reach Slack')), 10_000)).toBe(true);
      expect(JSON.parse(lines.find((l) => l.includes('could not reach Slack')) ?? '{}')).toMatchObject({
        level: 40,
        retryInMs: 1000,
      });
      expect((await fetch(`http://127.0.0.1:${offline.port}/healthz`)).status).toBe(200);
    } finally {
      const started = Date.now();
      await offline.stop();
      expect(Date.now() - started).toBeLessThan(1000);
    }
  }, 15_000);
});
