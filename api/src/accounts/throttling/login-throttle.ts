// Brute-force protection for password checks. Failures are counted per
// account (by the username tried, whether or not it exists, so a lockout
// reveals nothing) and per client address. Past a threshold the key is locked
// for a period that doubles with each further failure, up to a ceiling; a
// quiet day forgets the count. A success clears the account's count only:
// logging in to one's own account must not reset an address guessing others.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database-schema.js';
import { ApiError } from '../../http/api-error.js';

export type ThrottleScope = 'account' | 'ip';

export interface ThrottlePolicy {
  /** Failures allowed before the first lock. */
  readonly threshold: number;
  /** The first lock; each further failure doubles it. */
  readonly baseLockSeconds: number;
  readonly maxLockSeconds: number;
}

export const LOGIN_THROTTLE_POLICIES: Readonly<Record<ThrottleScope, ThrottlePolicy>> = {
  account: { threshold: 5, baseLockSeconds: 30, maxLockSeconds: 15 * 60 },
  ip: { threshold: 30, baseLockSeconds: 60, maxLockSeconds: 60 * 60 },
};

/** Failures older than this no longer count. */
const FORGET_AFTER_SECONDS = 24 * 3600;

export interface ThrottleKeys {
  readonly account: string;
  readonly ip: string;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Throws 429 with Retry-After when the account or the address is locked. */
export async function assertNotLocked(db: Db, keys: ThrottleKeys): Promise<void> {
  const locks = await db
    .selectFrom('loginThrottles')
    .select([
      'scope',
      sql<number>`ceil(extract(epoch from locked_until - now()))::int`.as('retryAfter'),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('scope', '=', 'account'), eb('key', '=', keys.account)]),
        eb.and([eb('scope', '=', 'ip'), eb('key', '=', keys.ip)]),
      ]),
    )
    .where('lockedUntil', '>', sql<Date>`now()`)
    .execute();
  if (locks.length === 0) return;
  const retryAfterSeconds = Math.max(...locks.map((lock) => lock.retryAfter));
  const what = locks.some((lock) => lock.scope === 'account')
    ? 'this account'
    : 'your network address';
  throw new ApiError(
    'too_many_attempts',
    `Too many wrong passwords for ${what}. Try again in ${formatWait(retryAfterSeconds)}, or reset your password.`,
    { retryAfterSeconds, details: { retryAfterSeconds } },
  );
}

/** Counts one failure against both keys, locking whichever passed its threshold. */
export async function recordFailure(db: Db, keys: ThrottleKeys): Promise<void> {
  await recordScopeFailure(db, 'account', keys.account);
  await recordScopeFailure(db, 'ip', keys.ip);
}

export async function clearAccountFailures(db: Db, account: string): Promise<void> {
  await db
    .deleteFrom('loginThrottles')
    .where('scope', '=', 'account')
    .where('key', '=', account)
    .execute();
}

async function recordScopeFailure(db: Db, scope: ThrottleScope, key: string): Promise<void> {
  const policy = LOGIN_THROTTLE_POLICIES[scope];
  // One statement, so concurrent failures each count (the row is locked by the upsert).
  await sql`
    INSERT INTO login_throttles AS t (scope, key, failures, last_failure_at, locked_until)
    VALUES (${scope}, ${key}, 1, now(), ${lockUntil(sql`1`, policy)})
    ON CONFLICT (scope, key) DO UPDATE SET
      failures = ${nextFailures},
      last_failure_at = now(),
      locked_until = coalesce(${lockUntil(nextFailures, policy)}, t.locked_until)
  `.execute(db);
}

const nextFailures = sql<number>`CASE
  WHEN t.last_failure_at < now() - make_interval(secs => ${FORGET_AFTER_SECONDS}) THEN 1
  ELSE t.failures + 1
END`;

/** NULL below the threshold; otherwise now() + base × 2^(failures − threshold), capped. */
function lockUntil(failures: ReturnType<typeof sql>, policy: ThrottlePolicy) {
  return sql`CASE WHEN ${failures} >= ${policy.threshold}
    THEN now() + make_interval(secs => least(
      ${policy.maxLockSeconds}::float8,
      ${policy.baseLockSeconds}::float8 * power(2::float8, least(${failures} - ${policy.threshold}, 30))
    ))
  END`;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
