import type { Logger } from '../../kernel/logger';

/** How long after a failed auth.test the next request may try again. */
const RETRY_MS = 30_000;

/** What Bolt's `authorize` option returns for a single-workspace app. */
export interface SlackAuthorization {
  botToken: string;
  botId?: string;
  botUserId?: string;
}

/** The parts of an auth.test answer (or its failure) that are used here. */
type AuthTest = () => Promise<{ bot_id?: string; user_id?: string }>;

/**
 * Bolt's `authorize` for one bot token, which never holds up a request. Bolt's own (a `token`
 * with `tokenVerificationEnabled: false`) calls auth.test on every incoming request before the
 * listener can ack, and drops the request (acked, no listener run) whenever Slack fails that call.
 * Here auth.test runs once, in the background: until it has answered, the bot token alone
 * authorizes; botId and botUserId only let Bolt skip the bot's own events, which the listeners
 * skip by bot_id as well. A failure is logged with its fix and tried again after a while.
 */
export function singleTokenAuthorize(options: {
  token: string;
  authTest: AuthTest;
  log: Logger;
  now?: () => number;
}): () => Promise<SlackAuthorization> {
  const { token, authTest, log } = options;
  const now = options.now ?? Date.now;
  let ids: { botId?: string; botUserId?: string } | undefined;
  let asking = false;
  let retryAt = 0;

  const ask = () => {
    asking = true;
    authTest()
      .then((r) => {
        ids = { botId: r.bot_id, botUserId: r.user_id };
      })
      .catch((err: { message?: string; data?: { error?: string } }) => {
        retryAt = now() + RETRY_MS;
        const refused = ['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive'].includes(
          err?.data?.error ?? '',
        );
        log.warn(
          { platform: 'slack', err: err?.message, retryInMs: RETRY_MS },
          refused
            ? 'Slack refused the bot token: check SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, under OAuth & Permissions in your Slack app)'
            : 'Slack auth.test failed; answering with the bot token alone and asking again later',
        );
      })
      .finally(() => {
        asking = false;
      });
  };

  return async () => {
    if (!ids && !asking && now() >= retryAt) ask();
    return { botToken: token, ...ids };
  };
}
