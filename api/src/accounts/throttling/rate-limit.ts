// Per-route request limits in fixed windows, counted in the database with
// one atomic upsert so every API instance shares the count.
import type { MiddlewareHandler } from 'hono';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv } from '../../http/app-env.js';
import { clientAddress } from '../../http/client-address.js';

export interface RateLimit {
  /** Names the counter; one per route (or group of routes sharing a limit). */
  readonly bucket: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /** Count per client address, or per signed-in person (falling back to the address). */
  readonly per: 'ip' | 'user';
}

export interface RateLimitResult {
  readonly allowed: boolean;
  readonly retryAfterSeconds: number;
}

export async function hitRateLimit(
  db: Kysely<Database>,
  rule: Pick<RateLimit, 'bucket' | 'limit' | 'windowSeconds'>,
  key: string,
): Promise<RateLimitResult> {
  const window = sql`make_interval(secs => ${rule.windowSeconds})`;
  const result = await sql<{ hits: number; retryAfter: number }>`
    INSERT INTO rate_limits AS r (bucket, key, window_started_at, hits)
    VALUES (${rule.bucket}, ${key}, now(), 1)
    ON CONFLICT (bucket, key) DO UPDATE SET
      hits = CASE WHEN r.window_started_at <= now() - ${window} THEN 1 ELSE r.hits + 1 END,
      window_started_at = CASE WHEN r.window_started_at <= now() - ${window}
        THEN now() ELSE r.window_started_at END
    RETURNING hits, ceil(extract(epoch from window_started_at + ${window} - now()))::int AS retry_after
  `.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error('rate limit upsert returned no row');
  return { allowed: row.hits <= rule.limit, retryAfterSeconds: Math.max(1, row.retryAfter) };
}

export function rateLimit(
  db: Kysely<Database>,
  rule: RateLimit,
  trustProxyHops: number,
): MiddlewareHandler<AppEnv> {
  if (rule.limit < 1 || rule.windowSeconds < 1) {
    throw new Error(`rate limit ${rule.bucket}: limit and window must be positive`);
  }
  return async (c, next) => {
    const userId = rule.per === 'user' ? c.get('auth')?.userId : undefined;
    const key = userId !== undefined ? `user:${userId}` : `ip:${clientAddress(c, trustProxyHops)}`;
    const result = await hitRateLimit(db, rule, key);
    if (!result.allowed) {
      throw new ApiError(
        'rate_limited',
        `Too many requests of this kind; try again in ${result.retryAfterSeconds} seconds.`,
        {
          retryAfterSeconds: result.retryAfterSeconds,
          details: { retryAfterSeconds: result.retryAfterSeconds },
        },
      );
    }
    return next();
  };
}
