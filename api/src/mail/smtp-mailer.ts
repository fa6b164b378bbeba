// Sends email through the SMTP server named by SMTP_URL.
import nodemailer from 'nodemailer';
import type { Logger } from '../logging/logger.js';
import type { EmailChangedMessage, Mailer, PasswordResetMessage } from './mailer.js';

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
    async sendEmailChanged(message: EmailChangedMessage) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: 'Your Kith email address was changed',
        text: emailChangedText(message),
      });
      logger.info({ username: message.username }, 'email change notice sent to the old address');
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

function emailChangedText(message: EmailChangedMessage): string {
  const change =
    message.newAddress === null
      ? 'was removed from your Kith account'
      : `was changed to ${message.newAddress} on your Kith account`;
  return `Hello ${message.username},

This address (${message.to}) ${change} at
${message.changedAt.toUTCString()}. Password reset links now go
${message.newAddress === null ? 'nowhere until an address is set again' : 'to the new address'}.

If you did this, there is nothing to do. If you did not, someone may be using
your account: ask an admin of your Kith to end its sessions and help you back
in.
`;
}
