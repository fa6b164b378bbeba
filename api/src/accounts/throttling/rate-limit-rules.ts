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
  // Each upload is decoded, resized and re-encoded on the thread pool logins share. A post
  // holds at most 8 items (POST_MEDIA_MAX_COUNT), so 30 in 10 minutes is several full posts
  // with retries, while one person can no longer keep the server decoding all day.
  mediaUpload: { bucket: 'media-upload', limit: 30, windowSeconds: 600, per: 'user' },
  // The composer deletes each attachment taken out before posting: counted apart from
  // uploads (tidying up costs no uploads), with twice the room.
  mediaDelete: { bucket: 'media-delete', limit: 60, windowSeconds: 600, per: 'user' },
} as const satisfies Record<string, RateLimit>;
