// Starts a password reset: a single-use link that expires, sent by email (or
// logged when no SMTP server is configured). The answer never says whether
// the account exists, and one account gets at most a few links an hour.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { Logger } from '../../logging/logger.js';
import type { Mailer } from '../../mail/mailer.js';
import { hashSecretToken, newSecretToken } from '../secret-tokens.js';
import { hitRateLimit } from '../throttling/rate-limit.js';

const LINKS_PER_ACCOUNT = { bucket: 'password-reset-account', limit: 3, windowSeconds: 3600 };

export interface ResetRequest {
  /** A username or an email address, lower-cased. */
  readonly login: string;
  readonly ip: string;
  readonly publicUrl: string;
  readonly ttlMinutes: number;
}

export async function requestPasswordReset(
  deps: { db: Kysely<Database>; mailer: Mailer; logger: Logger },
  request: ResetRequest,
): Promise<void> {
  const { db } = deps;
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'email'])
    .where((eb) => eb.or([eb('username', '=', request.login), eb('email', '=', request.login)]))
    .executeTakeFirst();
  if (user === undefined) return;
  const allowance = await hitRateLimit(db, LINKS_PER_ACCOUNT, `user:${user.id}`);
  if (!allowance.allowed) {
    deps.logger.warn(
      { username: user.username },
      'password reset links for this account are rate limited',
    );
    return;
  }
  const token = newSecretToken();
  const expiresAt = new Date(Date.now() + request.ttlMinutes * 60_000);
  await db
    .insertInto('passwordResets')
    .values({
      userId: user.id,
      tokenHash: hashSecretToken(token),
      requestedIp: request.ip,
      expiresAt,
    })
    .execute();
  const link = `${request.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  // Sent after answering, so the response time does not reveal the account.
  deps.mailer
    .sendPasswordReset({ to: user.email, username: user.username, link, expiresAt })
    .catch((error: unknown) =>
      deps.logger.error({ err: error }, 'could not send the password reset email'),
    );
}
