// The signed-in person's own account: read and change the profile, change
// the username or the password, export everything, delete it all.
import { createRoute, z } from '@hono/zod-openapi';
import { clientAddress } from '../../http/client-address.js';
import { createRouter } from '../../http/create-router.js';
import { errorResponses, jsonBody, jsonContent } from '../../http/openapi-schemas.js';
import { displayNameField, emailField, UserSchema, userJson } from '../account-schemas.js';
import type { AccountsDeps } from '../accounts-deps.js';
import { changePassword } from '../passwords/change-password.js';
import { confirmPassword } from '../passwords/confirm-password.js';
import { passwordField } from '../passwords/password-rules.js';
import { currentUser, requireUser } from '../sessions/require-user.js';
import { clearSessionCookies } from '../sessions/session-cookies.js';
import { rateLimit } from '../throttling/rate-limit.js';
import { RATE_LIMITS } from '../throttling/rate-limit-rules.js';
import { usernameField } from '../usernames.js';
import { changeUsername } from './change-username.js';
import { deleteAccount } from './delete-account.js';
import { exportAccount } from './export-account.js';
import { updateProfile } from './update-profile.js';

const UserResponse = z.object({ user: UserSchema }).openapi('UserResponse');

const ProfileChangeBody = z
  .object({
    displayName: displayNameField.optional(),
    email: emailField.nullable().optional().openapi({
      description: 'null removes the address. Needs `password`: reset links go to this address.',
    }),
    password: z
      .string()
      .min(1, 'is required')
      .max(1024)
      .optional()
      .openapi({ description: 'Your current password; required with `email`.' }),
  })
  .strict()
  .superRefine((change, context) => {
    if (change.email !== undefined && change.password === undefined) {
      context.addIssue({ code: 'custom', path: ['password'], message: 'is required' });
    }
  })
  .openapi('ProfileChange');

const PasswordChangeBody = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(1024),
    newPassword: passwordField,
  })
  .openapi('PasswordChange');

const UsernameChangeBody = z
  .object({
    username: usernameField.openapi({ example: 'alice_b' }),
    password: z.string().min(1, 'is required').max(1024),
  })
  .openapi('UsernameChange');

const DeleteAccountBody = z
  .object({ password: z.string().min(1, 'is required').max(1024) })
  .openapi('DeleteAccountRequest');

const getRoute = createRoute({
  method: 'get',
  path: '/account',
  tags: ['account'],
  summary: 'Your account',
  middleware: [requireUser],
  responses: { 200: jsonContent(UserResponse, 'Your account.'), ...errorResponses(401) },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/account',
  tags: ['account'],
  summary: 'Change your display name or email address',
  description:
    'An email change needs your password (a wrong one counts like a failed login) and ends the reset links sent so far.',
  middleware: [requireUser],
  request: { body: jsonBody(ProfileChangeBody) },
  responses: {
    200: jsonContent(UserResponse, 'The account as changed.'),
    ...errorResponses(400, 401, 403, 409, 413, 415, 429),
  },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/account/password',
  tags: ['account'],
  summary: 'Change your password; ends your other sessions',
  middleware: [requireUser],
  request: { body: jsonBody(PasswordChangeBody) },
  responses: {
    204: { description: 'The password was changed.' },
    ...errorResponses(400, 401, 403, 413, 415, 429),
  },
});

const usernameRoute = createRoute({
  method: 'post',
  path: '/account/username',
  tags: ['account'],
  summary: 'Change your username',
  description:
    'The same rules as at sign-up; needs your password. The network shows the new name at once, and the next ID token carries it.',
  middleware: [requireUser],
  request: { body: jsonBody(UsernameChangeBody) },
  responses: {
    200: jsonContent(UserResponse, 'The account as changed.'),
    ...errorResponses(400, 401, 403, 409, 413, 415, 429),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/account',
  tags: ['account'],
  summary: 'Delete your account and everything Kith holds about you',
  middleware: [requireUser],
  request: { body: jsonBody(DeleteAccountBody) },
  responses: {
    204: { description: 'The account is deleted.' },
    ...errorResponses(400, 401, 403, 413, 415, 429),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/account/export',
  tags: ['account'],
  summary: 'Everything the API holds about you, as JSON',
  middleware: [requireUser],
  responses: {
    200: jsonContent(z.record(z.string(), z.unknown()).openapi('AccountExport'), 'Your data.'),
    ...errorResponses(401, 429),
  },
});

export function createAccountRoutes(deps: AccountsDeps) {
  const { db, config } = deps;
  const hops = config.trustProxyHops;
  const router = createRouter();
  const selectUser = ['id', 'username', 'displayName', 'email', 'role', 'createdAt'] as const;

  router.openapi(getRoute, async (c) => {
    const auth = currentUser(c);
    const user = await db
      .selectFrom('users')
      .select(selectUser)
      .where('id', '=', auth.userId)
      .executeTakeFirstOrThrow();
    return c.json(UserResponse.parse({ user: userJson(user) }), 200);
  });

  router.openapi(
    { ...patchRoute, middleware: [requireUser, rateLimit(db, RATE_LIMITS.accountChange, hops)] },
    async (c) => {
      const auth = currentUser(c);
      const who = { userId: auth.userId, username: auth.username, ip: clientAddress(c, hops) };
      const { user, emailChanged, previousEmail } = await updateProfile(
        db,
        who,
        c.req.valid('json'),
      );
      if (emailChanged) {
        deps.logger.info({ userId: auth.userId }, 'email address changed');
        // The old address hears of it, so a change by someone else does not go unnoticed.
        // After the commit, and a failure to send does not undo the change.
        if (previousEmail !== null) {
          deps.mailer
            .sendEmailChanged({
              to: previousEmail,
              username: user.username,
              newAddress: user.email,
              changedAt: new Date(),
            })
            .catch((error: unknown) =>
              deps.logger.error(
                { err: error },
                'could not tell the old address of an email change',
              ),
            );
        }
      }
      return c.json(UserResponse.parse({ user: userJson(user) }), 200);
    },
  );

  router.openapi(
    {
      ...passwordRoute,
      middleware: [requireUser, rateLimit(db, RATE_LIMITS.passwordChange, hops)],
    },
    async (c) => {
      const auth = currentUser(c);
      const body = c.req.valid('json');
      await changePassword(db, {
        userId: auth.userId,
        username: auth.username,
        sessionId: auth.sessionId,
        ip: clientAddress(c, hops),
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
      });
      return c.body(null, 204);
    },
  );

  router.openapi(
    {
      ...usernameRoute,
      middleware: [requireUser, rateLimit(db, RATE_LIMITS.usernameChange, hops)],
    },
    async (c) => {
      const auth = currentUser(c);
      const body = c.req.valid('json');
      const { user, changed } = await changeUsername(db, {
        userId: auth.userId,
        username: auth.username,
        ip: clientAddress(c, hops),
        password: body.password,
        newUsername: body.username,
      });
      if (changed) {
        deps.onModuleCallQueued?.();
        deps.logger.info(
          { userId: auth.userId, from: auth.username, to: user.username },
          'username changed',
        );
      }
      return c.json(UserResponse.parse({ user: userJson(user) }), 200);
    },
  );

  router.openapi(
    { ...deleteRoute, middleware: [requireUser, rateLimit(db, RATE_LIMITS.accountChange, hops)] },
    async (c) => {
      const auth = currentUser(c);
      const who = { userId: auth.userId, username: auth.username, ip: clientAddress(c, hops) };
      await confirmPassword(db, who, c.req.valid('json').password);
      await deleteAccount(db, auth.userId, deps.personalDataSources);
      deps.onModuleCallQueued?.();
      deps.logger.info({ userId: auth.userId }, 'account deleted');
      if (auth.sessionKind === 'cookie') clearSessionCookies(c, config);
      return c.body(null, 204);
    },
  );

  router.openapi(
    { ...exportRoute, middleware: [requireUser, rateLimit(db, RATE_LIMITS.accountExport, hops)] },
    async (c) => {
      const auth = currentUser(c);
      const data = await exportAccount(db, auth.userId, deps.personalDataSources);
      c.header('Content-Disposition', `attachment; filename="kith-${auth.username}.json"`);
      return c.json(data, 200);
    },
  );

  return router;
}
