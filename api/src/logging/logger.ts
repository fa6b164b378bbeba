// Structured JSON logs. Secrets never reach the log: credentials in headers,
// bodies and errors are replaced by "[redacted]" wherever they appear.
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Object paths whose values are secrets, wherever they sit in a log record. */
const REDACTED_PATHS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'sessionToken',
  'csrfToken',
  'inviteCode',
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.sessionToken',
  '*.csrfToken',
  '*.inviteCode',
  '*.authorization',
  '*.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["x-csrf-token"]',
];

export interface LoggerOptions {
  readonly level: string;
  /** Where lines go; standard output when absent (tests pass a buffer). */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'kith-api' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
