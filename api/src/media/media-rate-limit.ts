// Per-person limits on uploads and deletions, counted in the database like
// the account routes' limits (accounts/throttling/rate-limit.ts), with a
// refusal that says what was limited and how long to wait.
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { currentUser } from '../accounts/sessions/require-user.js';
import { hitRateLimit, type RateLimit } from '../accounts/throttling/rate-limit.js';
import type { Database } from '../db/database-schema.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';

export type MediaRateLimit = Pick<RateLimit, 'bucket' | 'limit' | 'windowSeconds'>;

/** After requireUser: counts the request against the signed-in person, 429 past the limit. */
export function mediaRateLimit(
  db: Kysely<Database>,
  rule: MediaRateLimit,
  action: 'upload' | 'delete',
): MiddlewareHandler<AppEnv> {
  const what = plural(rule.limit, action === 'upload' ? 'file' : 'item');
  const per = formatDuration(rule.windowSeconds);
  if (rule.limit < 1 || rule.windowSeconds < 1) {
    throw new Error(`rate limit ${rule.bucket}: limit and window must be positive`);
  }
  return async (c, next) => {
    const result = await hitRateLimit(db, rule, `user:${currentUser(c).userId}`);
    if (!result.allowed) {
      const wait = result.retryAfterSeconds;
      throw new ApiError(
        'rate_limited',
        `You can ${action} at most ${what} in ${per}. Try again in ${formatDuration(wait)}.`,
        { retryAfterSeconds: wait, details: { retryAfterSeconds: wait } },
      );
    }
    return next();
  };
}

/** "1 second", "45 seconds", "2 minutes", "3 hours": whole units, rounded up. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return plural(seconds, 'second');
  if (seconds < 90 * 60) return plural(Math.ceil(seconds / 60), 'minute');
  return plural(Math.ceil(seconds / 3600), 'hour');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
