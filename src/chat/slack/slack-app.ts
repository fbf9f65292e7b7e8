import { App, type Logger as BoltLogger, ExpressReceiver, LogLevel } from '@slack/bolt';
import { Router } from 'express';
import type { SlackConfig } from '../../config/config';
import type { Logger } from '../../kernel/logger';
import type { Store } from '../../store/port';
import type { Conversation } from '../conversation';
import { createIdentity } from '../identity';
import type { Incoming } from '../model';
import { toSlack } from './render-blocks';

/** Bolt's logger interface over our pino logger. */
function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ platform: 'slack' });
  return {
    debug: (...m) => child.debug(m.map(String).join(' ')),
    info: (...m) => child.info(m.map(String).join(' ')),
    warn: (...m) => child.warn(m.map(String).join(' ')),
    error: (...m) => child.error(m.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/**
 * The Slack adapter: Bolt over HTTP at /slack/events on the shared server (Bolt verifies the
 * signature on the raw body, so nothing parses the body before it). It only translates Slack
 * events into `Incoming` and renders the `Reply`; the conversation core decides everything.
 */
export function createSlackApp(options: {
  slack: SlackConfig;
  conversation: Conversation;
  store: () => Store | null;
  log: Logger;
}) {
  const { slack, conversation, log } = options;
  const router = Router();
  const logger = boltLogger(log);
  const receiver = new ExpressReceiver({
    signingSecret: slack.signingSecret ?? '',
    router,
    logger,
    endpoints: '/slack/events',
  });
  const app = new App({
    token: slack.botToken,
    receiver,
    logger,
    // No auth.test at start: a Slack outage must not stop the server; tokens fail loudly on first use.
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 2, factor: 2 } },
  });

  const identify = createIdentity({ people: () => options.store()?.people, log });
  const actorOf = (teamId: string | undefined, userId: string) =>
    identify('slack', `${teamId ?? ''}:${userId}`, userId, async () => {
      const info = await app.client.users.info({ user: userId });
      return { email: info.user?.profile?.email, name: info.user?.real_name };
    });
  const answer = async (incoming: Incoming) => toSlack(await conversation.handle(incoming));

  // Slack re-sends an event it thinks we missed; the first delivery is already being answered.
  app.use(async ({ context, body, next }) => {
    if (context.retryNum && (body as { type?: string }).type === 'event_callback') {
      log.info({ platform: 'slack', retryNum: context.retryNum, reason: context.retryReason }, 'ignored a Slack retry');
      return;
    }
    await next();
  });

  app.event('app_mention', async ({ event, client, body }) => {
    const reply = await answer({
      actor: await actorOf(body.team_id, event.user ?? ''),
      text: event.text,
    });
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, ...reply });
  });

  app.message(async ({ message, client, body }) => {
    const m = message as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      channel: string;
    };
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return;
    const reply = await answer({
      actor: await actorOf((body as { team_id?: string }).team_id, m.user),
      text: m.text ?? '',
    });
    await client.chat.postMessage({ channel: m.channel, ...reply });
  });

  app.command('/controlbot', async ({ command, ack, respond }) => {
    await ack();
    const reply = await answer({
      actor: await actorOf(command.team_id, command.user_id),
      text: command.text,
    });
    await respond({ response_type: 'ephemeral', ...reply });
  });

  // Every button: its action_id is `<action>:<place>`, its value what the core needs.
  app.action(/^[a-z][a-z.]*:\d+$/, async ({ ack, body, action, respond }) => {
    await ack();
    const a = action as { action_id: string; value?: string };
    const incoming = {
      actor: await actorOf(body.team?.id, body.user.id),
      action: { id: a.action_id.replace(/:\d+$/, ''), value: a.value ?? '' },
    };
    await respond({ response_type: 'ephemeral', replace_original: false, ...(await answer(incoming)) });
  });

  app.error(async (error) => {
    log.error(
      { platform: 'slack', err: error.message, code: (error as { code?: string }).code },
      'Slack listener failed',
    );
  });

  return { app, router };
}
