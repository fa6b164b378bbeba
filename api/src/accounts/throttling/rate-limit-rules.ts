// The request limits of the account routes, in one table.
import type { RateLimit } from './rate-limit.js';

export const RATE_LIMITS = {
  signUp: { bucket: 'sign-up', limit: 10, windowSeconds: 3600, per: 'ip' },
  logIn: { bucket: 'log-in', limit: 60, windowSeconds: 300, per: 'ip' },
  passwordResetRequest: { bucket: 'password-reset', limit: 5, windowSeconds: 3600, per: 'ip' },
  passwordResetConfirm: {
    bucket: 'password-reset-confirm',
    limit: 20,
    windowSeconds: 3600,
    per: 'ip',
  },
  passwordChange: { bucket: 'password-change', limit: 10, windowSeconds: 3600, per: 'user' },
  accountChange: { bucket: 'account-change', limit: 30, windowSeconds: 3600, per: 'user' },
  // Refusals count too: trying names one by one is how names would be enumerated.
  usernameChange: { bucket: 'username-change', limit: 10, windowSeconds: 3600, per: 'user' },
  accountExport: { bucket: 'account-export', limit: 10, windowSeconds: 3600, per: 'user' },
  inviteCreate: { bucket: 'invite-create', limit: 50, windowSeconds: 24 * 3600, per: 'user' },
} as const satisfies Record<string, RateLimit>;
