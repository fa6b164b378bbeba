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

/** Told to the address an account had, when it changes: the owner learns if it was not them. */
export interface EmailChangedMessage {
  /** The address before the change. */
  readonly to: string;
  readonly username: string;
  /** The new address, or null when it was removed. */
  readonly newAddress: string | null;
  readonly changedAt: Date;
}

export interface Mailer {
  sendPasswordReset(message: PasswordResetMessage): Promise<void>;
  sendEmailChanged(message: EmailChangedMessage): Promise<void>;
  close(): Promise<void>;
}
