// A logger whose lines the test can read back, as parsed records.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logging/logger.js';

export interface CapturedLogs {
  readonly logger: Logger;
  /** Every line logged so far, parsed. */
  records(): Record<string, unknown>[];
  /** Every line logged so far, as written. */
  text(): string;
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return {
    logger,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join('\n'),
  };
}
