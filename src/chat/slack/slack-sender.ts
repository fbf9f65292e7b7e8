import { ErrorCode, LogLevel, type Logger as SlackLogger, WebClient } from '@slack/web-api';
import { type Logger, silentLogger } from '../../kernel/logger';
import { SendError, type Sender } from '../../outbox/sender';
import type { Reply } from '../model';
import { toSlack } from './render-blocks';

/** Slack errors that no retry can fix: the message is dead and the cause needs a person. */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'invalid_auth',
  'not_in_channel',
  'user_not_found',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'is_archived',
  'cannot_dm_bot',
  'user_disabled',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
]);

/** Translates a WebClient failure into the outbox's SendError. */
export function toSendError(err: unknown): SendError {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return new SendError(`Slack rate limited the call; retry after ${e.retryAfter} s`, {
        permanent: false,
        retryAfterMs: (e.retryAfter ?? 1) * 1000,
        cause: err,
      });
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      const permanent = PERMANENT_SLACK_ERRORS.has(code);
      return new SendError(`Slack answered "${code}"`, { permanent, cause: err });
    }
    case ErrorCode.HTTPError:
      return new SendError(`Slack answered HTTP ${e.statusCode}`, { permanent: false, cause: err });
    case ErrorCode.RequestError:
      return new SendError('Slack could not be reached', { permanent: false, cause: err });
    default:
      return new SendError(`sending to Slack failed: ${err instanceof Error ? err.message : String(err)}`, {
        permanent: false,
        cause: err,
      });
  }
}

function webClientLogger(log: Logger): SlackLogger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...m: unknown[]) =>
      log[level](m.map(String).join(' '));
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

export interface SlackSenderOptions {
  token: string;
  /** Slack Web API base URL (GovSlack, tests); default Slack's. */
  apiUrl?: string;
  log?: Logger;
  /** Per-call timeout; a call still unanswered counts as a transient failure (default 10 s). */
  timeoutMs?: number;
}

const isUserId = (target: string) => /^[UW][A-Z0-9]+$/.test(target);

/**
 * The outbox's Sender for Slack: posts the rendered reply with chat.postMessage to a channel id
 * (C…/G…/D…), or to a user id (U…/W…) through the DM that conversations.open returns (cached).
 * The WebClient neither retries nor waits out rate limits: the outbox does both, durably.
 */
export function createSlackSender(options: SlackSenderOptions): Sender {
  const log = (options.log ?? silentLogger).child({ platform: 'slack', component: 'slack-sender' });
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logger: webClientLogger(log),
  });
  const dms = new Map<string, Promise<string>>();

  const channelFor = (target: string): Promise<string> => {
    if (!isUserId(target)) return Promise.resolve(target);
    let channel = dms.get(target);
    if (!channel) {
      channel = client.conversations.open({ users: target }).then((r) => {
        if (!r.channel?.id) throw new SendError('Slack opened no DM channel', { permanent: false });
        return r.channel.id;
      });
      // A failed open is not remembered, so the retry opens again.
      channel.catch(() => dms.delete(target));
      dms.set(target, channel);
    }
    return channel;
  };

  return {
    async send(target: string, reply: Reply) {
      try {
        const channel = await channelFor(target);
        await client.chat.postMessage({ channel, ...toSlack(reply) });
      } catch (err) {
        throw err instanceof SendError ? err : toSendError(err);
      }
    },
  };
}
