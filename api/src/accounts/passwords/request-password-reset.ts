// Starts a password reset: a single-use link that expires, sent by email (or
// logged when no SMTP server is configured). The answer never says whether
// the account exists, nor takes longer when it does: the route answers first,
// and the account is looked up afterwards. One account gets at most a few
// links an hour.
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

export interface ResetDeps {
  readonly db: Kysely<Database>;
  readonly mailer: Mailer;
  readonly logger: Logger;
}

/** Resets started and not yet done, so that tests and a shutdown can wait for them. */
const running = new Set<Promise<void>>();

/**
 * Starts a reset and returns at once. The work begins after the current turn
 * of the event loop (by then the answer is written), so nothing about the
 * account, not even its lookup, is in the answer's time. Failures are logged.
 */
export function startPasswordReset(deps: ResetDeps, request: ResetRequest): void {
  const work: Promise<void> = new Promise((resolve) => setImmediate(resolve))
    .then(() => requestPasswordReset(deps, request))
    .catch((error: unknown) =>
      deps.logger.error({ err: error }, 'could not make a password reset link'),
    )
    .finally(() => running.delete(work));
  running.add(work);
}

/** Resolves once every reset started so far (and any they lead to) is done. */
export async function passwordResetsSettled(): Promise<void> {
  while (running.size > 0) await Promise.all(running);
}

/** Makes the link and sends it, if the account exists and may have another one now. */
export async function requestPasswordReset(deps: ResetDeps, request: ResetRequest): Promise<void> {
  const token = newSecretToken();
  const expiresAt = new Date(Date.now() + request.ttlMinutes * 60_000);
  // One transaction: a link is made and counted together, or neither. The
  // account row is locked so an email change (which ends open links) commits
  // wholly before or after: never a new link that still goes to the old address.
  const user = await deps.db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('users')
      .select(['id', 'username', 'email'])
      .where((eb) => eb.or([eb('username', '=', request.login), eb('email', '=', request.login)]))
      .forUpdate()
      .executeTakeFirst();
    if (found === undefined) return undefined;
    const allowance = await hitRateLimit(trx, LINKS_PER_ACCOUNT, `user:${found.id}`);
    if (!allowance.allowed) {
      deps.logger.warn(
        { username: found.username },
        'password reset links for this account are rate limited',
      );
      return undefined;
    }
    await trx
      .insertInto('passwordResets')
      .values({
        userId: found.id,
        tokenHash: hashSecretToken(token),
        requestedIp: request.ip,
        expiresAt,
      })
      .execute();
    return found;
  });
  if (user === undefined) return;
  const link = `${request.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  try {
    await deps.mailer.sendPasswordReset({
      to: user.email,
      username: user.username,
      link,
      expiresAt,
    });
  } catch (error) {
    deps.logger.error({ err: error }, 'could not send the password reset email');
  }
}
