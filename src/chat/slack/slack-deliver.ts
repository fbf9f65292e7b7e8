import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../../kernel/logger';

/** What a person reads when their answer could not be delivered the usual way. */
export const NOT_DELIVERED =
  'Sorry, Slack did not take my answer just now. Please try again in a minute; if it keeps happening, tell the compliance lead.';

/** A failed Slack call as the log needs it: what failed and how, never the token. */
export function slackFailure(err: unknown): Record<string, unknown> {
  const e = err as {
    message?: string;
    code?: string;
    statusCode?: number;
    data?: { error?: string; response_metadata?: { messages?: string[] } };
  };
  return {
    err: e?.message ?? String(err),
    ...(e?.code ? { code: e.code } : {}),
    ...(e?.statusCode ? { status: e.statusCode } : {}),
    ...(e?.data?.error ? { slackError: e.data.error } : {}),
    ...(e?.data?.response_metadata?.messages ? { slackMessages: e.data.response_metadata.messages } : {}),
  };
}

export interface Delivery {
  log: Logger;
  /** The Slack user being answered. */
  user: string;
  /** What is being answered, for the log: `command`, `action review.decide`, `dm`… */
  what: string;
  /** A second way to reach the person (the response_url), used to say that the answer was lost. */
  respond?: RespondFn;
}

/**
 * Runs the answer to a request after its ack, outside Bolt's listener chain. Slack wants the ack
 * within 3 s, and other people's acks should not queue behind this answer's work: setImmediate
 * lets the event loop finish the I/O already waiting (other requests, their acks) first. The
 * Web API client has already retried what it could; a failure left is logged with its details
 * and, where the person can still be reached through the response_url, they are told in a line.
 */
export function afterAck(delivery: Delivery, work: () => Promise<unknown>): void {
  const { log, user, what, respond } = delivery;
  setImmediate(() => {
    work().catch(async (err: unknown) => {
      log.error(
        { platform: 'slack', user, answer: what, ...slackFailure(err) },
        'a Slack answer could not be delivered',
      );
      if (!respond) return;
      try {
        await respond({ response_type: 'ephemeral', replace_original: false, text: NOT_DELIVERED });
      } catch (again) {
        log.error(
          { platform: 'slack', user, answer: what, ...slackFailure(again) },
          'could not tell the person either (response_url failed)',
        );
      }
    });
  });
}
