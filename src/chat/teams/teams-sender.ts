import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { type Logger, silentLogger } from '../../kernel/logger';
import { SendError, type Sender } from '../../outbox/sender';
import type { ConversationsRepo } from '../../store/repos/conversations';
import type { Reply } from '../model';
import { toActivity } from './teams-bot';

/**
 * Bot Connector answers that no retry can fix: 400 (the message was refused as sent), 401/403 (our
 * app is not allowed there, e.g. the bot was uninstalled or blocked), 404 (the conversation is gone).
 */
const PERMANENT = new Set([400, 401, 403, 404]);

/** Translates a failed Bot Connector call into the outbox's SendError. */
export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const e = err as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } } };
  const status = e?.statusCode;
  const message = err instanceof Error ? err.message : String(err);
  if (status === 429) {
    const seconds = Number(e.response?.headers?.get?.('retry-after'));
    return new SendError('the Bot Connector rate limited the call', {
      permanent: false,
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
      cause: err,
    });
  }
  if (status !== undefined && PERMANENT.has(status)) {
    return new SendError(`the Bot Connector answered HTTP ${status}: ${message}`, { permanent: true, cause: err });
  }
  return new SendError(status ? `the Bot Connector answered HTTP ${status}` : `sending to Teams failed: ${message}`, {
    permanent: false,
    cause: err,
  });
}

/**
 * The outbox's Sender for Teams. A target is a person's AAD object id (their 1:1 chat with the
 * bot) or a stored channel/group chat conversation id; its conversation reference, stored when the
 * app was installed or first messaged, says where to post. The Bot Connector client (Azure's HTTP
 * pipeline) retries 429 and 5xx itself, three times, honouring Retry-After (measured: a 503 fails
 * after ~5 s, a 429 with Retry-After 7 after ~21 s); the outbox adds durable retries on top.
 */
export function createTeamsSender(options: {
  adapter: CloudAdapter;
  /** Our MICROSOFT_APP_ID; empty when authentication is disabled (local development). */
  appId: string;
  conversations: () => ConversationsRepo | undefined;
  log?: Logger;
}): Sender {
  const log = (options.log ?? silentLogger).child({ platform: 'teams', component: 'teams-sender' });
  return {
    async send(target: string, reply: Reply) {
      const repo = options.conversations();
      if (!repo) throw new SendError('the store is not open', { permanent: false });
      const stored = await repo.get('teams', target);
      if (!stored) {
        throw new SendError(
          `no Teams conversation is stored for "${target}": the person must install controlbot in Teams (or message it) first`,
          { permanent: true },
        );
      }
      try {
        await options.adapter.continueConversationAsync(
          options.appId,
          stored.ref as Partial<ConversationReference>,
          async (context) => {
            await context.sendActivity(toActivity(reply));
          },
        );
      } catch (err) {
        const failure = toSendError(err);
        log.debug({ target, err: failure.message, permanent: failure.permanent }, 'Teams send failed');
        throw failure;
      }
    },
  };
}
