// How the API reaches people by email. Two implementations: SMTP when
// SMTP_URL is set, and the log otherwise (an admin reads the link there and
// passes it on), so a fresh install can reset passwords with no mail server.

export interface PasswordResetMessage {
  /** The account's email address, if it has one. */
  readonly to: string | null;
  readonly username: string;
  readonly link: string;
  readonly expiresAt: Date;
}

export interface Mailer {
  sendPasswordReset(message: PasswordResetMessage): Promise<void>;
  close(): Promise<void>;
}
