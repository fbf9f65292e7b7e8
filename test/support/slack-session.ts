import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { createLogger } from '../../src/kernel/logger';
import { type RunningServer, startServer } from '../../src/server/start-server';
import { startFakeSlack } from '../fakes/fake-slack';
import { signSlack, until } from './slack-requests';

const SECRET = 'b'.repeat(32);
const TOKEN = 'xoxb-session-token';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/**
 * The real server with Slack over HTTP against the loopback fake Web API, on a fresh local store
 * (so the shipped workflow seeds the demo campaign), and helpers that speak Slack's wire format:
 * signed slash commands, button presses, modal submissions and Events API deliveries.
 * Every log line the server writes is kept in `logs`.
 */
export async function startSlackSession(users: Record<string, { email: string; real_name: string }>) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-slack-session-'));
  const slack = await startFakeSlack(TOKEN, users);
  const logs: LogLine[] = [];
  const log = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  });
  const config = loadConfig({
    PORT: '0',
    CONTROLBOT_DATA_DIR: dir,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    // The web chat is the one way to ask as a directory person without a chat identity lookup.
    CONTROLBOT_WEB_CHAT: 'true',
  });
  const server: RunningServer = await startServer({ config, log, host: '127.0.0.1', handleSignals: false });
  const root = `http://127.0.0.1:${server.port}`;
  await until(async () => (await fetch(`${root}/readyz`)).status === 200, 10_000);

  /**
   * Resolves once the demo campaign (seeded with the directory by the shipped workflow at first
   * start) lists items for `personId`. Ask this before a Slack user of the directory writes: the
   * identity lookup remembers "not in the directory" for ten minutes.
   */
  const demoCampaign = async (personId: string) => {
    const listed = async () => {
      const res = await fetch(`${root}/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identity: personId, text: 'reviews' }),
      });
      return /^\d+ access review item/.test(((await res.json()) as { text: string }).text);
    };
    if (!(await until(listed, 20_000))) throw new Error('the demo campaign did not appear within 20 s');
  };

  let seq = 0;
  /** Posts `raw` signed at `ts` (default now): Slack signs each delivery, retries too, afresh. */
  const post = (raw: string, type: string, headers: Record<string, string> = {}, ts?: number) =>
    fetch(`${root}/slack/events`, {
      method: 'POST',
      body: raw,
      headers: { 'content-type': type, ...signSlack(SECRET, raw, ts), ...headers },
    });
  const postPayload = (payload: object, headers: Record<string, string> = {}) =>
    post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      headers,
    );
  const responded = async (id: string) => {
    const path = `/respond/${id}`;
    if (!(await until(() => slack.responses.some((r) => r.path === path)))) throw new Error(`no answer at ${path}`);
    return slack.responses.find((r) => r.path === path)?.body as Record<string, unknown>;
  };

  return {
    dir,
    slack,
    logs,
    server,
    /** The server's Slack endpoint, for requests the helpers do not build (a forged signature). */
    url: `${root}/slack/events`,
    post,
    postPayload,
    responded,
    demoCampaign,
    /** `/controlbot <text>` from `user`; resolves with what was posted to its response_url. */
    async command(user: string, text: string) {
      const id = `cmd${++seq}`;
      const raw = new URLSearchParams({
        command: '/controlbot',
        text,
        team_id: 'T1',
        user_id: user,
        channel_id: 'C1',
        response_url: slack.responseUrl(id),
        trigger_id: `trig-${id}`,
      }).toString();
      const res = await post(raw, 'application/x-www-form-urlencoded');
      if (res.status !== 200) throw new Error(`slash command got HTTP ${res.status}`);
      return responded(id);
    },
    /** A block_actions payload for a button in a message the bot sent to channel C1. */
    press(user: string, button: { action_id: string; value: string }, id = `act${++seq}`) {
      return {
        id,
        payload: {
          type: 'block_actions',
          team: { id: 'T1', domain: 't1' },
          user: { id: user, team_id: 'T1' },
          api_app_id: 'A1',
          trigger_id: `trig-${id}`,
          container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: true },
          channel: { id: 'C1', name: 'general' },
          response_url: slack.responseUrl(id),
          actions: [{ type: 'button', block_id: 'b', action_ts: '1700000001.000200', ...button }],
        },
      };
    },
    /** The view_submission Slack sends when `user` submits `view` (as views.open received it) with `values`. */
    submission(user: string, view: Record<string, unknown>, values: Record<string, string>) {
      const state = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { [k]: { type: 'plain_text_input', value: v } }]),
      );
      return {
        type: 'view_submission',
        team: { id: 'T1', domain: 't1' },
        user: { id: user, team_id: 'T1' },
        api_app_id: 'A1',
        trigger_id: `trig-submit-${++seq}`,
        view: { id: `V${seq}`, ...view, state: { values: state } },
      };
    },
    /** An Events API delivery of a DM `text` from `user`, with the event id `eventId`. */
    dmEvent(user: string, text: string, eventId: string) {
      return JSON.stringify({
        type: 'event_callback',
        team_id: 'T1',
        api_app_id: 'A1',
        event_id: eventId,
        event_time: 1700000000,
        event: {
          type: 'message',
          channel_type: 'im',
          channel: `D${user}`,
          user,
          text,
          ts: '1700000000.000300',
          event_ts: '1700000000.000300',
        },
      });
    },
    async stop() {
      await server.stop();
      await slack.close();
    },
  };
}
