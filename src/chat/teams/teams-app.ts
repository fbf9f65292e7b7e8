import { type Activity, CloudAdapter, TeamsInfo, type TurnContext } from 'botbuilder';
import express, { Router } from 'express';
import type { TeamsConfig } from '../../config/config';
import type { Logger } from '../../kernel/logger';
import type { Sender } from '../../outbox/sender';
import type { Store } from '../../store/port';
import { type Conversation, SORRY } from '../conversation';
import { createIdentity } from '../identity';
import { conversationBook } from './conversation-refs';
import { authFailureStatus, type BotFrameworkEndpoints, botFrameworkAuthentication } from './teams-auth';
import { TeamsBot, toActivity } from './teams-bot';
import { fixTimestamps, teamsUserOf } from './teams-incoming';
import { createTeamsSender } from './teams-sender';

type Authentication = ReturnType<typeof botFrameworkAuthentication>;
type Logic = (context: TurnContext) => Promise<void>;

/** CloudAdapter with authentication as its own step, so a refused token is a 401 we answer and log. */
class TeamsAdapter extends CloudAdapter {
  constructor(private readonly auth: Authentication) {
    super(auth);
  }
  authenticate(activity: Activity, header: string) {
    return this.auth.authenticateRequest(activity, header);
  }
  run(result: Awaited<ReturnType<TeamsAdapter['authenticate']>>, activity: Activity, logic: Logic) {
    return this.processActivity(result, activity, logic);
  }
}

export interface TeamsAdapterParts {
  /** Serves POST /api/messages. */
  router: Router;
  /** The outbox's Sender for proactive messages (reminders, digests). */
  sender: Sender;
}

const isActivity = (body: unknown): body is Activity =>
  typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';

/**
 * The Teams adapter: botbuilder's CloudAdapter at POST /api/messages on the shared server, the
 * TeamsBot translating activities for the conversation core, and the Sender the outbox uses for
 * proactive messages. Every botbuilder import of controlbot lives in this folder.
 */
export function createTeamsApp(options: {
  teams: TeamsConfig;
  conversation: Conversation;
  store: () => Store | null;
  log: Logger;
  /** Token endpoints other than Microsoft's public cloud (tests, private clouds). */
  botFramework?: BotFrameworkEndpoints;
}): TeamsAdapterParts {
  const { teams, conversation } = options;
  const log = options.log.child({ platform: 'teams' });
  if (!teams.appId) {
    log.warn(
      '!!! TEAMS_ALLOW_UNAUTHENTICATED=true: /api/messages accepts requests WITHOUT authentication, so anyone who can reach this port can act as any Teams user. Use it only for local development; set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for anything else. !!!',
    );
  }
  const adapter = new TeamsAdapter(botFrameworkAuthentication(teams, options.botFramework));
  const identify = createIdentity({ people: () => options.store()?.people, log: options.log });
  const actorOf = async (context: TurnContext) => {
    const user = teamsUserOf(context.activity);
    const actor = await identify('teams', user, user, async () => {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return { email: member.email ?? member.userPrincipalName, name: member.name };
    });
    // Someone Teams could not describe still has the display name the activity carries.
    const shown = context.activity.from.name;
    return actor.personId === null && actor.name === user && shown ? { ...actor, name: shown } : actor;
  };
  const book = conversationBook({ conversations: () => options.store()?.conversations, log: options.log });
  const bot = new TeamsBot({ conversation, actorOf, book, log: options.log });

  // Turn failures end here: a message gets the short apology, a card press an error Teams shows
  // as a toast (the card stays as it was), and the log gets the detail.
  const logic: Logic = async (context) => {
    try {
      await bot.run(context);
    } catch (err) {
      const { type, name } = context.activity;
      log.error({ err: (err as Error).message, type, name }, 'Teams turn failed');
      if (type === 'invoke') {
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 500,
            body: { statusCode: 500, type: 'application/vnd.microsoft.error', value: { message: SORRY.text } },
          },
        });
      } else if (type === 'message') {
        await context.sendActivity(toActivity(SORRY)).catch((sendErr: Error) => {
          log.error({ err: sendErr.message }, 'could not even send the apology to Teams');
        });
      }
    }
  };

  const router = Router();
  router.post('/api/messages', express.json({ limit: '512kb' }), async (req, res) => {
    if (!isActivity(req.body)) {
      res.status(400).json({ error: 'the body must be a Bot Framework activity: a JSON object with a "type"' });
      return;
    }
    const activity = fixTimestamps(req.body);
    let authenticated: Awaited<ReturnType<TeamsAdapter['authenticate']>>;
    try {
      authenticated = await adapter.authenticate(activity, req.get('authorization') ?? '');
    } catch (err) {
      const status = authFailureStatus(err);
      log[status >= 500 ? 'error' : 'warn'](
        { status, err: (err as Error).message, channelId: activity.channelId },
        status >= 500
          ? 'could not check a Bot Framework token (are the OpenID metadata and keys reachable?)'
          : 'rejected a request to /api/messages without a valid Bot Framework token',
      );
      res.status(status).json({ error: status === 401 ? 'Unauthorized' : 'The token could not be checked' });
      return;
    }
    try {
      const invoke = await adapter.run(authenticated, activity, logic);
      if (invoke?.body === undefined) res.status(invoke?.status ?? 200).end();
      else res.status(invoke.status).json(invoke.body);
    } catch (err) {
      log.error({ err: (err as Error).message, type: activity.type }, 'Teams activity could not be processed');
      res.status(500).json({ error: 'The activity could not be processed' });
    }
  });

  const sender = createTeamsSender({
    adapter,
    appId: teams.appId ?? '',
    conversations: () => options.store()?.conversations,
    log: options.log,
  });
  return { router, sender };
}
