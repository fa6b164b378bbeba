// Starts a session: a random token for the client, only its hash stored.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import type { SessionKind } from '../../http/app-env.js';
import { hashSecretToken, newSecretToken } from '../secret-tokens.js';

export interface NewSession {
  readonly id: string;
  /** Shown to the client once; the database keeps its hash. */
  readonly token: string;
  readonly csrfToken: string;
  readonly kind: SessionKind;
  readonly expiresAt: Date;
}

export interface SessionRequest {
  readonly userId: string;
  readonly kind: SessionKind;
  readonly ttlHours: number;
  readonly userAgent: string | undefined;
  readonly ip: string;
}

export async function createSession(
  db: Kysely<Database> | Transaction<Database>,
  request: SessionRequest,
): Promise<NewSession> {
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAt = new Date(Date.now() + request.ttlHours * 3_600_000);
  const row = await db
    .insertInto('sessions')
    .values({
      userId: request.userId,
      tokenHash: hashSecretToken(token),
      csrfToken,
      kind: request.kind,
      userAgent: request.userAgent?.slice(0, 300) ?? null,
      ip: request.ip,
      expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, csrfToken, kind: request.kind, expiresAt };
}
