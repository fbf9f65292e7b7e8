import { App, type Logger as BoltLogger, ExpressReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { Router } from 'express';
import type { SlackConfig } from '../../config/config';
import type { Logger } from '../../kernel/logger';
import type { Store } from '../../store/port';
import type { Conversation } from '../conversation';
import { createIdentity } from '../identity';
import { replayGuard } from './replay-guard';
import { cachedActors, profileOf } from './slack-actors';
import { singleTokenAuthorize } from './slack-authorize';
import { slackFailure } from './slack-deliver';
import { registerListeners } from './slack-listeners';

/** How long stop() waits for Slack to complete the WebSocket close handshake. */
const DISCONNECT_TIMEOUT_MS = 5000;
/** Waits between attempts to open Socket Mode while Slack cannot be reached. */
const RETRY_MS = [1000, 5000, 15_000, 60_000];

/** Slack tokens, and the `token` field of payloads, masked in whatever Bolt writes to the log. */
const scrub = (parts: unknown[]) =>
  parts
    .map(String)
    .join(' ')
    .replace(/\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g, '[redacted]')
    .replace(/"token"\s*:\s*"[^"]*"/g, '"token":"[redacted]"');

/**
 * Bolt's logger interface over our pino logger. Bolt's and Socket Mode's debug lines dump whole
 * payloads (people's messages), so they are logged at trace.
 */
function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ platform: 'slack' });
  return {
    debug: (...m) => child.trace(scrub(m)),
    info: (...m) => child.info(scrub(m)),
    warn: (...m) => child.warn(scrub(m)),
    error: (...m) => child.error(scrub(m)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/**
 * Web API calls are tried three times (after 1 s and 2 s) on network errors, 5xx and 429. The
 * client hands these options to p-retry, which reports each failed attempt here: a retry that
 * then succeeds still leaves a trace in the log.
 */
const retryPolicy = (log: Logger) => ({
  retries: 2,
  factor: 2,
  onFailedAttempt: (err: Error & { attemptNumber?: number; retriesLeft?: number }) => {
    log.warn(
      { platform: 'slack', attempt: err.attemptNumber, retriesLeft: err.retriesLeft, ...slackFailure(err) },
      err.retriesLeft ? 'a Slack Web API call failed; retrying' : 'a Slack Web API call failed; no retries left',
    );
  },
});

export interface SlackAdapter {
  /** Serves /slack/events in HTTP mode; absent in Socket Mode, where events arrive over the WebSocket. */
  router?: Router;
  /**
   * Socket Mode: opens the connection and resolves once Slack says hello, retrying while Slack is
   * unreachable; never rejects: a refused token is logged with its fix. HTTP mode: nothing to do.
   */
  start(): Promise<void>;
  /** Socket Mode: closes the connection, waiting a few seconds at most for the close handshake. */
  stop(): Promise<void>;
}

/**
 * The Slack adapter: Bolt over HTTP at /slack/events on the shared server (Bolt verifies the
 * signature on the raw body, so nothing parses the body before it), or over Socket Mode when an
 * app-level token is configured. The same listeners (slack-listeners.ts) serve both.
 */
export function createSlackApp(options: {
  slack: SlackConfig;
  conversation: Conversation;
  store: () => Store | null;
  log: Logger;
}): SlackAdapter {
  const { slack, conversation, log } = options;
  const logger = boltLogger(log);
  // One options object for the bot's WebClient and the Socket Mode client (apps.connections.open),
  // so SLACK_API_URL redirects both. retryConfig is explicit: SocketModeClient writes
  // {retries: 100} into these shared options when it is unset.
  const clientOptions = { slackApiUrl: slack.apiUrl, retryConfig: retryPolicy(log) };
  // `app.client` carries no token (Bolt takes `token` or `authorize`, not both): calls made
  // outside a listener pass it themselves.
  const token = slack.botToken;
  const common = {
    // auth.test once, in the background, never in the way of an ack (see slack-authorize.ts).
    authorize: singleTokenAuthorize({ token, authTest: () => app.client.auth.test({ token }), log }),
    logger,
    clientOptions,
    // Bolt's per-conversation state store is not used; it would cost a lookup on every request.
    convoStore: false as const,
  };
  let router: Router | undefined;
  let socket: SocketModeReceiver | undefined;
  let app: App;
  if (slack.mode === 'socket') {
    socket = new SocketModeReceiver({ appToken: slack.appToken, logger, installerOptions: { clientOptions } });
    app = new App({ ...common, socketMode: true, appToken: slack.appToken, receiver: socket });
  } else {
    router = Router();
    // Before Bolt's signature check: an exact replay (same timestamp and signature) gets 401.
    router.use('/slack/events', replayGuard({ log: (msg) => log.warn({ platform: 'slack' }, msg) }));
    const receiver = new ExpressReceiver({
      signingSecret: slack.signingSecret,
      router,
      logger,
      endpoints: '/slack/events',
    });
    app = new App({ ...common, receiver });
  }

  const identify = createIdentity({ people: () => options.store()?.people, log });
  const actorOf = cachedActors((teamId, userId) =>
    identify('slack', `${teamId ?? ''}:${userId}`, userId, profileOf(app, token, userId)),
  );
  registerListeners(app, { conversation, actorOf, log });

  let stopping = false;
  let retryTimer: NodeJS.Timeout | undefined;
  return {
    router,
    async start() {
      for (let attempt = 0; socket && !stopping; attempt++) {
        try {
          await app.start();
          log.info({ platform: 'slack' }, 'Slack Socket Mode connected');
          return;
        } catch (err) {
          if (stopping) return;
          const e = err as { code?: string; message?: string } | undefined;
          if (e?.code === webApi.ErrorCode.PlatformError) {
            log.error(
              { platform: 'slack', err: e.message },
              'Slack refused the Socket Mode connection: check SLACK_APP_TOKEN (an app-level token with connections:write) and that Socket Mode is enabled in your Slack app',
            );
            return;
          }
          // Slack unreachable (network, 5xx): Bolt gives up on these, we keep trying.
          const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
          log.warn({ platform: 'slack', err: e?.message, retryInMs: delay }, 'Slack Socket Mode could not reach Slack');
          await new Promise((resolve) => {
            retryTimer = setTimeout(resolve, delay);
          });
        }
      }
    },
    async stop() {
      stopping = true;
      clearTimeout(retryTimer);
      if (!socket) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        socket.client.disconnect(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, DISCONNECT_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
