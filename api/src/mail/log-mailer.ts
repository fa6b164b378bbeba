// With no SMTP server configured, reset links are written to the log (the
// only place a link is logged on purpose).
import type { Logger } from '../logging/logger.js';
import type { Mailer, PasswordResetMessage } from './mailer.js';

export function createLogMailer(logger: Logger): Mailer {
  return {
    async sendPasswordReset(message: PasswordResetMessage) {
      logger.info(
        {
          username: message.username,
          resetLink: message.link,
          expiresAt: message.expiresAt.toISOString(),
        },
        `password reset link for ${message.username} (SMTP_URL is not set, so it is logged instead of emailed)`,
      );
    },
    // Nothing to tell without a mail server; the change itself is logged by the route.
    async sendEmailChanged() {},
    async close() {},
  };
}
