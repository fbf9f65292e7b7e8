import type { Reply } from '../chat/model';
import { type Clock, systemClock } from '../kernel/clock';
import { AppError } from '../kernel/errors';
import { type IdGenerator, randomIds } from '../kernel/ids';
import { type Logger, silentLogger } from '../kernel/logger';
import type { Platform } from '../store/records';
import type { OutboxRepo } from '../store/repos/outbox';
import { encodePayload } from './payload';

export interface OutgoingMessage {
  /**
   * Names what the message is for (`review-reminder:<item>:<date>`): a key seen before is not
   * queued again, so a retried workflow step or a double click never sends twice.
   */
  dedupeKey: string;
  platform: Platform;
  /** The platform's address: a Slack user id (U…/W…) or channel id (C…/G…/D…), a Teams conversation. */
  target: string;
  reply: Reply;
  /** What kind of message this is, for logs and metrics (`review.reminder`, `digest`). */
  kind?: string;
}

export interface Outbox {
  /** Queues the message for the dispatcher; `created` is false when its dedupeKey was already queued. */
  send(message: OutgoingMessage): Promise<{ created: boolean }>;
}

export interface OutboxOptions {
  repo: OutboxRepo;
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
}

function validate(message: OutgoingMessage): void {
  const problems: string[] = [];
  if (!message.dedupeKey?.trim())
    problems.push('dedupeKey is empty: name what the message is for, e.g. digest:<person>:<date>');
  if (!message.target?.trim()) problems.push('target is empty: give the user or channel id to send to');
  if (typeof message.reply?.text !== 'string')
    problems.push('reply.text is missing: every message needs a plain-text fallback');
  if (problems.length) {
    throw new AppError('invalid_input', `outbox: cannot queue the message: ${problems.join('; ')}`, {
      details: problems,
    });
  }
}

/**
 * The front door for every outgoing message: it only records the message (pending, due now);
 * the dispatcher delivers it, with retries and per-platform rate limits.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { repo } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const log = (options.log ?? silentLogger).child({ component: 'outbox' });
  return {
    async send(message) {
      validate(message);
      const now = clock.now();
      const { created } = await repo.enqueue({
        _id: ids('ob'),
        dedupeKey: message.dedupeKey,
        platform: message.platform,
        target: message.target,
        payload: encodePayload(message.reply, message.kind),
        status: 'pending',
        attempts: 0,
        claims: 0,
        nextAttemptAt: now,
        claimedUntil: null,
        claimedBy: null,
        lastError: null,
        createdAt: now,
        sentAt: null,
      });
      log.debug(
        { dedupeKey: message.dedupeKey, platform: message.platform, kind: message.kind, created },
        created ? 'message queued' : 'message already queued under this dedupe key; not queued again',
      );
      return { created };
    },
  };
}
