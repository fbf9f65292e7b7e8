import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type Activity as TeamsActivity,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../kernel/logger';
import type { Conversation } from '../conversation';
import type { Actor, Reply } from '../model';
import type { ConversationBook } from './conversation-refs';
import { ADAPTIVE_CARD, toAdaptiveCard } from './render-cards';
import { cardAction, isPersonal, messageText, submittedAction } from './teams-incoming';

/** Recent message ids, so a message Teams delivers twice is answered once. */
const RECENT_IDS = 1000;

/** A reply as a Teams message: the card, with its plain text as the summary for notifications. */
export const toActivity = (reply: Reply): Partial<TeamsActivity> => ({
  type: 'message',
  summary: reply.text,
  attachments: [CardFactory.adaptiveCard(toAdaptiveCard(reply))],
});

export interface TeamsBotDeps {
  conversation: Conversation;
  /** The actor for the turn's sender, linked to the directory (AAD object id, then getMember's email). */
  actorOf(context: TurnContext): Promise<Actor>;
  book: ConversationBook;
  log: Logger;
}

/**
 * The Teams activity handler: it only translates. Messages (personal chat, or a channel
 * @mention) and Action.Submit data become `Incoming`; an Action.Execute press runs the core and
 * answers with the updated card, which Teams shows in place of the pressed one; installing the
 * app stores the conversation for proactive messages and says hello.
 */
export class TeamsBot extends TeamsActivityHandler {
  private readonly recent = new Set<string>();

  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  private firstDelivery(id: string | undefined): boolean {
    if (!id) return true;
    if (this.recent.has(id)) return false;
    if (this.recent.size >= RECENT_IDS) this.recent.delete(this.recent.values().next().value as string);
    this.recent.add(id);
    return true;
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (!this.firstDelivery(activity.id)) {
      this.deps.log.info({ platform: 'teams', activityId: activity.id }, 'ignored a message Teams delivered again');
      return;
    }
    const actor = await this.deps.actorOf(context);
    await this.deps.book.remember(activity, actor.personId);
    const action = submittedAction(activity);
    const reply = await this.deps.conversation.handle(
      action ? { actor, action } : { actor, text: messageText(activity) },
    );
    await context.sendActivity(toActivity(reply));
  }

  private async welcome(context: TurnContext): Promise<void> {
    const actor = await this.deps.actorOf(context);
    await this.deps.book.remember(context.activity, actor.personId, { force: true });
    this.deps.log.info(
      { platform: 'teams', scope: context.activity.conversation?.conversationType ?? 'personal' },
      'controlbot was installed in Teams',
    );
    const { conversation } = this.deps;
    const reply = isPersonal(context.activity)
      ? await conversation.home(actor)
      : await conversation.handle({ actor, text: 'help' });
    await context.sendActivity(toActivity(reply));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invoke: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = cardAction(invoke.action?.verb, invoke.action?.data);
    if (!action) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'The card action names no verb this bot knows.' },
      };
    }
    const actor = await this.deps.actorOf(context);
    await this.deps.book.remember(context.activity, actor.personId);
    const reply = await this.deps.conversation.handle({ actor, action });
    return { statusCode: 200, type: ADAPTIVE_CARD, value: { ...toAdaptiveCard(reply) } };
  }
}
