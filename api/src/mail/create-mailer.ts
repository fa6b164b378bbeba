import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { createLogMailer } from './log-mailer.js';
import type { Mailer } from './mailer.js';
import { createSmtpMailer } from './smtp-mailer.js';

export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>, logger: Logger): Mailer {
  if (config.smtpUrl === undefined) return createLogMailer(logger);
  return createSmtpMailer({ url: config.smtpUrl, from: config.smtpFrom }, logger);
}
