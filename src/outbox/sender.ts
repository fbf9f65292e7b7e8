import type { Reply } from '../chat/model';
import { AppError } from '../kernel/errors';

/**
 * The port a platform adapter implements so the outbox can deliver one message. `send` resolves
 * once the platform accepted the message; it rejects with a `SendError` saying whether trying
 * again can help and, when the platform said so, how long to wait first. Any other error is
 * treated as transient.
 */
export interface Sender {
  send(target: string, reply: Reply): Promise<void>;
}

export interface SendErrorOptions {
  /** True when retrying cannot help (unknown channel, revoked token, ...): the message goes dead. */
  permanent: boolean;
  /**
   * Set only when the platform rate limited the call (HTTP 429) and so did not process it: its own
   * "retry after" (Slack's Retry-After header), in milliseconds; 0 when it allows a retry at once.
   */
  retryAfterMs?: number;
  cause?: unknown;
}

export class SendError extends AppError {
  readonly permanent: boolean;
  readonly retryAfterMs?: number;

  constructor(message: string, options: SendErrorOptions) {
    super('send_failed', message, { cause: options.cause });
    this.name = 'SendError';
    this.permanent = options.permanent;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export const isSendError = (err: unknown): err is SendError => err instanceof SendError;
