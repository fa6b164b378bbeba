// The shapes of accounts as the API shows them.
import { z } from '@hono/zod-openapi';
import { timestamp, uuid } from '../http/openapi-schemas.js';

export const RoleSchema = z.enum(['admin', 'member']);

export const UserSchema = z
  .object({
    id: uuid,
    username: z.string().openapi({ example: 'alice' }),
    displayName: z.string().openapi({ example: 'Alice' }),
    email: z.string().nullable().openapi({ example: 'alice@example.com' }),
    role: RoleSchema,
    createdAt: timestamp,
  })
  .openapi('User');

export type UserJson = z.infer<typeof UserSchema>;

export const SessionSchema = z
  .object({
    id: uuid,
    kind: z.enum(['cookie', 'bearer']),
    expiresAt: timestamp,
    csrfToken: z.string().openapi({
      description: 'Send as X-CSRF-Token with every state-changing request made with the cookie.',
    }),
  })
  .openapi('Session');

export const SignedInSchema = z
  .object({
    user: UserSchema,
    session: SessionSchema,
    token: z.string().optional().openapi({
      description: 'The bearer token, only when a bearer session was asked for.',
    }),
  })
  .openapi('SignedIn');

export const SessionKindField = z.enum(['cookie', 'bearer']).default('cookie').openapi({
  description:
    '"cookie" (browsers) sets httpOnly session cookies; "bearer" (other clients) returns a token for the Authorization header.',
});

export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly role: string;
  readonly createdAt: Date;
}

export function userJson(row: UserRow): UserJson {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    role: row.role === 'admin' ? 'admin' : 'member',
    createdAt: row.createdAt.toISOString(),
  };
}

export const displayNameField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(50, 'must be at most 50 characters')
  .refine((text) => !/\p{Cc}/u.test(text), 'must not contain control characters');

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address such as alice@example.com'));
