import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths that must never reach a log line, wherever they appear in a logged object. */
const REDACT = [
  'token',
  'password',
  'secret',
  'authorization',
  'apiKey',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  '*.apiKey',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino({ level: options.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' } }, options.destination);
}

/** A logger that drops everything: for tests and CLI commands that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
