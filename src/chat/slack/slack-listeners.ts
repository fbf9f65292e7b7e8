import type { App } from '@slack/bolt';
import type { Logger } from '../../kernel/logger';
import type { Conversation } from '../conversation';
import type { Actor, Incoming } from '../model';
import { toSlack } from './render-blocks';
import { afterAck } from './slack-deliver';
import { formIn, formModal } from './slack-forms';
import { registerInteractions } from './slack-interactions';
import { answerEventsOnce } from './slack-retries';

/** What every listener needs, whichever transport (HTTP or Socket Mode) delivers the events. */
export interface SlackListenerContext {
  conversation: Conversation;
  /** The actor for a Slack user, linked to the directory by the shared identity lookup. */
  actorOf(teamId: string | undefined, userId: string): Promise<Actor>;
  log: Logger;
}

/**
 * Registers every Slack listener on `app`, once for both transports. Listeners only translate
 * Slack events into `Incoming` and render the `Reply`; the conversation core decides everything.
 * Each acks first (Bolt acks events itself) and answers after the ack (slack-deliver.ts).
 */
export function registerListeners(app: App, context: SlackListenerContext): void {
  const { conversation, actorOf, log } = context;
  const answer = async (incoming: Incoming) => toSlack(await conversation.handle(incoming));

  app.use(answerEventsOnce(log));

  app.event('app_mention', async ({ event, client, body }) => {
    const user = event.user ?? '';
    afterAck({ log, user, what: 'mention' }, async () => {
      const reply = await answer({ actor: await actorOf(body.team_id, user), text: event.text });
      await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, ...reply });
    });
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
    const user = m.user;
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !user) return;
    afterAck({ log, user, what: 'dm' }, async () => {
      const reply = await answer({
        actor: await actorOf((body as { team_id?: string }).team_id, user),
        text: m.text ?? '',
      });
      await client.chat.postMessage({ channel: m.channel, ...reply });
    });
  });

  app.command('/controlbot', async ({ command, ack, respond, client }) => {
    await ack();
    afterAck({ log, user: command.user_id, what: 'command', respond }, async () => {
      const reply = await conversation.handle({
        actor: await actorOf(command.team_id, command.user_id),
        text: command.text,
      });
      const form = formIn(reply);
      if (form) {
        await client.views.open({ trigger_id: command.trigger_id, view: formModal(reply, form, command.channel_id) });
        return;
      }
      await respond({ response_type: 'ephemeral', ...toSlack(reply) });
    });
  });

  registerInteractions(app, context);

  app.error(async (error) => {
    log.error(
      { platform: 'slack', err: error.message, code: (error as { code?: string }).code },
      'Slack listener failed',
    );
  });
}
