// Sends email through the SMTP server named by SMTP_URL.
import nodemailer from 'nodemailer';
import type { Logger } from '../logging/logger.js';
import type { Mailer, PasswordResetMessage } from './mailer.js';

export interface SmtpMailerOptions {
  readonly url: string;
  readonly from: string;
}

export function createSmtpMailer(options: SmtpMailerOptions, logger: Logger): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    async sendPasswordReset(message: PasswordResetMessage) {
      if (message.to === null) {
        logger.warn(
          { username: message.username },
          'password reset asked for an account without an email address; an admin can reset it',
        );
        return;
      }
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: 'Reset your Kith password',
        text: resetText(message),
      });
      logger.info({ username: message.username }, 'password reset email sent');
    },
    async close() {
      transport.close();
    },
  };
}

function resetText(message: PasswordResetMessage): string {
  return `Hello ${message.username},

Someone (hopefully you) asked to reset your Kith password. Open this link to
choose a new one:

${message.link}

The link works once and expires at ${message.expiresAt.toUTCString()}.
If you did not ask for this, ignore this email; your password stays as it is.
`;
}
