import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor, Reply } from '../model';
import { OPEN_FORM_ACTION, toSlack } from './render-blocks';
import { afterAck } from './slack-deliver';
import { FORM_CALLBACK, formIn, formModal, parseForm, readSubmission } from './slack-forms';
import type { SlackListenerContext } from './slack-listeners';

type Client = App['client'];

/**
 * Buttons, form modals and the App Home tab. A button's action_id is `<action>:<place>` and its
 * value what the core needs. A reply holding a form opens as a modal; replies to presses in the
 * Home tab or a modal, and to form submissions, have no response_url and go to the person's DM.
 */
export function registerInteractions(app: App, context: SlackListenerContext): void {
  const { conversation, actorOf, log } = context;

  const publishHome = async (client: Client, actor: Actor) => {
    const { blocks } = toSlack(await conversation.home(actor));
    await client.views.publish({ user_id: actor.userId, view: { type: 'home', blocks } });
  };
  const dm = (client: Client, userId: string, reply: Reply) =>
    client.chat.postMessage({ channel: userId, ...toSlack(reply) });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    afterAck({ log, user: event.user, what: 'home' }, async () =>
      publishHome(client, await actorOf(body.team_id, event.user)),
    );
  });

  app.action<BlockAction<ButtonAction>>(/^[a-z][a-z.]*:\d+$/, async ({ ack, body, action, respond, client }) => {
    await ack();
    const id = action.action_id.replace(/:\d+$/, '');
    const where = body.view ? undefined : respond;
    afterAck({ log, user: body.user.id, what: `action ${id}`, respond: where }, async () => {
      const actor = await actorOf(body.team?.id, body.user.id);
      const reply = await conversation.handle({ actor, action: { id, value: action.value ?? '' } });
      const form = formIn(reply);
      if (form) {
        // Inside a modal a new view must be pushed onto it; anywhere else one is opened.
        const view = formModal(reply, form, body.channel?.id);
        if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
        else await client.views.open({ trigger_id: body.trigger_id, view });
        return;
      }
      if (!body.view) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...toSlack(reply) });
        return;
      }
      await dm(client, body.user.id, reply);
      // The press may have changed what waits for this person: show the Home tab as it is now.
      if (body.view.type === 'home') await publishHome(client, actor);
    });
  });

  app.action<BlockAction<ButtonAction>>(OPEN_FORM_ACTION, async ({ ack, body, action, respond, client }) => {
    await ack();
    const form = parseForm(action.value);
    if (!form) {
      log.warn({ platform: 'slack', user: body.user.id }, 'an "open form" button carried no valid form; ignored');
      return;
    }
    afterAck({ log, user: body.user.id, what: 'form.open', respond: body.view ? undefined : respond }, () =>
      client.views.open({
        trigger_id: body.trigger_id,
        view: formModal({ text: form.title, blocks: [form] }, form, body.channel?.id),
      }),
    );
  });

  app.view(FORM_CALLBACK, async ({ ack, body, view, client }) => {
    const submission = readSubmission(view);
    if ('errors' in submission) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }
    await ack();
    afterAck({ log, user: body.user.id, what: `form ${submission.action.id}` }, async () => {
      const actor = await actorOf(body.team?.id, body.user.id);
      const reply = await conversation.handle({ actor, action: submission.action });
      // A submission usually changes what waits for this person (a decision, a reason recorded):
      // the Home tab shows it even when the DM cannot be delivered.
      const [sent, home] = await Promise.allSettled([dm(client, body.user.id, reply), publishHome(client, actor)]);
      if (sent.status === 'rejected') throw sent.reason;
      if (home.status === 'rejected') throw home.reason;
    });
  });
}
