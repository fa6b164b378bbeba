// The per-request variables every route and middleware can read.
import type { Logger } from '../logging/logger.js';

export type Role = 'admin' | 'member';
export type SessionKind = 'cookie' | 'bearer';

/** The signed-in person and the session their request carried. */
export interface Auth {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly sessionId: string;
  readonly sessionKind: SessionKind;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    /** null when the request carries no valid session. */
    auth: Auth | null;
  };
}
