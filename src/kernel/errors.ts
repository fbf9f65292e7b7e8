/**
 * The one error type of controlbot. `code` says what kind of problem it is so callers can decide
 * (retry, 4xx, exit code); `message` says what to do about it, written for the person reading it.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'invalid_input'
  | 'not_found'
  | 'duplicate'
  | 'conflict'
  | 'store_unavailable'
  | 'store_corrupt'
  | 'store_locked'
  | 'forbidden'
  | 'send_failed'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra lines for the reader, one per problem (e.g. one per invalid variable or field). */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: readonly string[] } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? [];
  }
}

export const isAppError = (err: unknown, code?: ErrorCode): err is AppError =>
  err instanceof AppError && (code === undefined || err.code === code);
