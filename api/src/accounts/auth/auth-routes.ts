// Sign-up, log-in, log-out, the current session, and password resets.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Config } from '../../config.js';
import type { AppEnv } from '../../http/app-env.js';
import { clientAddress } from '../../http/client-address.js';
import { createRouter } from '../../http/create-router.js';
import { errorResponses, jsonBody, jsonContent } from '../../http/openapi-schemas.js';
import {
  displayNameField,
  emailField,
  SessionKindField,
  SignedInSchema,
  userJson,
} from '../account-schemas.js';
import type { AccountsDeps } from '../accounts-deps.js';
import { completePasswordReset } from '../passwords/complete-password-reset.js';
import { passwordField } from '../passwords/password-rules.js';
import { startPasswordReset } from '../passwords/request-password-reset.js';
import { currentUser, requireUser } from '../sessions/require-user.js';
import { clearSessionCookies, setSessionCookies } from '../sessions/session-cookies.js';
import { rateLimit } from '../throttling/rate-limit.js';
import { RATE_LIMITS } from '../throttling/rate-limit-rules.js';
import { usernameField } from '../usernames.js';
import { logIn } from './log-in.js';
import { clearCookiesIfBanned, refuseBannedUser } from './refuse-banned-account.js';
import { type SignedIn, signUp } from './sign-up.js';

const SignUpBody = z
  .object({
    inviteCode: z.string().trim().min(1, 'is required').max(200),
    username: usernameField.openapi({ example: 'alice' }),
    password: passwordField,
    displayName: displayNameField.optional(),
    email: emailField.optional().openapi({ description: 'Used only for password reset emails.' }),
    session: SessionKindField,
  })
  .openapi('SignUpRequest');

const LogInBody = z
  .object({
    // Any string up to the maximum: a malformed name fails like a wrong one.
    username: z.string().trim().toLowerCase().min(1, 'is required').max(100),
    password: z.string().min(1, 'is required').max(1024),
    session: SessionKindField,
  })
  .openapi('LogInRequest');

const ResetRequestBody = z
  .object({
    login: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'is required')
      .max(254)
      .openapi({ description: 'The username or the email address of the account.' }),
  })
  .openapi('PasswordResetRequest');

const ResetConfirmBody = z
  .object({
    token: z.string().trim().min(1, 'is required').max(200),
    newPassword: passwordField,
  })
  .openapi('PasswordResetConfirm');

const signUpRoute = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['auth'],
  summary: 'Create an account with an invite code and sign in',
  request: { body: jsonBody(SignUpBody) },
  responses: {
    201: jsonContent(SignedInSchema, 'The account was created and a session started.'),
    ...errorResponses(400, 409, 413, 415, 429),
  },
});

const logInRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in with a username and password',
  description:
    'A banned account is refused with 403 `account_banned` (after the password was checked), and every session it had ends.',
  request: { body: jsonBody(LogInBody) },
  responses: {
    200: jsonContent(SignedInSchema, 'Logged in.'),
    ...errorResponses(400, 401, 403, 413, 415, 429),
  },
});

const logOutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  responses: { 204: { description: 'The session has ended.' }, ...errorResponses(401, 403) },
});

const currentSessionRoute = createRoute({
  method: 'get',
  path: '/auth/session',
  tags: ['auth'],
  summary: 'The signed-in person and their session (including the CSRF token)',
  responses: {
    200: jsonContent(SignedInSchema.omit({ token: true }), 'Signed in.'),
    ...errorResponses(401),
  },
});

const resetRequestRoute = createRoute({
  method: 'post',
  path: '/auth/password-reset',
  tags: ['auth'],
  summary: 'Send a password reset link',
  description:
    'Always answers 202, whether or not the account exists. The link is emailed when SMTP is configured and written to the server log otherwise.',
  request: { body: jsonBody(ResetRequestBody) },
  responses: {
    202: { description: 'If the account exists, a link is on its way.' },
    ...errorResponses(400, 413, 415, 429),
  },
});

const resetConfirmRoute = createRoute({
  method: 'post',
  path: '/auth/password-reset/confirm',
  tags: ['auth'],
  summary: 'Set a new password with a reset link; ends every session of the account',
  request: { body: jsonBody(ResetConfirmBody) },
  responses: {
    204: { description: 'The password was changed; log in with it.' },
    ...errorResponses(400, 413, 415, 429),
  },
});

export function createAuthRoutes(deps: AccountsDeps) {
  const { db, config } = deps;
  const hops = config.trustProxyHops;
  const router = createRouter();
  // The OIDC router serves POST /v1/auth/token (the ID token a client
  // connects to the module with, asked for again to renew it); the accounts
  // router is mounted before it, so this runs first. A banned account gets no
  // token, and its sessions end.
  router.use('/auth/token', refuseBannedUser({ db, config, banCheck: deps.banCheck }));

  router.openapi(
    { ...signUpRoute, middleware: [rateLimit(db, RATE_LIMITS.signUp, hops)] },
    async (c) => {
      const body = c.req.valid('json');
      const signedIn = await signUp(db, deps.banCheck, {
        inviteCode: body.inviteCode,
        username: body.username,
        password: body.password,
        displayName: body.displayName,
        email: body.email,
        sessionKind: body.session,
        sessionTtlHours: config.sessionTtlHours,
        userAgent: c.req.header('user-agent'),
        ip: clientAddress(c, hops),
      });
      if (signedIn.user.role === 'admin') {
        deps.logger.info(
          { username: signedIn.user.username },
          'the first account signed up and is the admin',
        );
      }
      return c.json(SignedInSchema.parse(startSession(c, config, signedIn)), 201);
    },
  );

  router.openapi(
    { ...logInRoute, middleware: [rateLimit(db, RATE_LIMITS.logIn, hops)] },
    async (c) => {
      const body = c.req.valid('json');
      const signedIn = await logIn(db, deps.banCheck, {
        username: body.username,
        password: body.password,
        sessionKind: body.session,
        sessionTtlHours: config.sessionTtlHours,
        userAgent: c.req.header('user-agent'),
        ip: clientAddress(c, hops),
      }).catch(clearCookiesIfBanned(c, config));
      return c.json(SignedInSchema.parse(startSession(c, config, signedIn)), 200);
    },
  );

  router.openapi({ ...logOutRoute, middleware: [requireUser] }, async (c) => {
    const auth = currentUser(c);
    await db.deleteFrom('sessions').where('id', '=', auth.sessionId).execute();
    if (auth.sessionKind === 'cookie') clearSessionCookies(c, config);
    return c.body(null, 204);
  });

  router.openapi(currentSessionRoute, async (c) => {
    const auth = currentUser(c);
    const user = await db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'email', 'role', 'createdAt'])
      .where('id', '=', auth.userId)
      .executeTakeFirstOrThrow();
    const body = {
      user: userJson(user),
      session: {
        id: auth.sessionId,
        kind: auth.sessionKind,
        expiresAt: auth.expiresAt.toISOString(),
        csrfToken: auth.csrfToken,
      },
    };
    return c.json(SignedInSchema.omit({ token: true }).parse(body), 200);
  });

  router.openapi(
    { ...resetRequestRoute, middleware: [rateLimit(db, RATE_LIMITS.passwordResetRequest, hops)] },
    async (c) => {
      startPasswordReset(deps, {
        login: c.req.valid('json').login,
        ip: clientAddress(c, hops),
        publicUrl: config.publicUrl,
        ttlMinutes: config.passwordResetTtlMinutes,
      });
      return c.body(null, 202);
    },
  );

  router.openapi(
    { ...resetConfirmRoute, middleware: [rateLimit(db, RATE_LIMITS.passwordResetConfirm, hops)] },
    async (c) => {
      const body = c.req.valid('json');
      await completePasswordReset(db, body.token, body.newPassword);
      return c.body(null, 204);
    },
  );

  return router;
}

/** Sets the cookies of a cookie session; a bearer session's token goes in the body. */
function startSession(c: Context<AppEnv>, config: Config, signedIn: SignedIn) {
  const { session } = signedIn;
  if (session.kind === 'cookie') setSessionCookies(c, config, session);
  return {
    user: userJson(signedIn.user),
    session: {
      id: session.id,
      kind: session.kind,
      expiresAt: session.expiresAt.toISOString(),
      csrfToken: session.csrfToken,
    },
    ...(session.kind === 'bearer' ? { token: session.token } : {}),
  };
}
