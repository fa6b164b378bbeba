// Per-sender token buckets: each action takes a token; a bucket refills one
// token every `refillSeconds` up to `capacity`. The owner can change a rule
// with set_rate_limit.
import { SenderError } from 'spacetimedb/server';
import type { ReducerContext, WriteDb } from '../context';
import { MICROS_PER_SECOND, timestampAt } from './time';

export const RATE_LIMITED_ACTIONS = [
  'post',
  'comment',
  'reaction',
  'friend_request',
  'report',
  'profile',
] as const;
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number];

interface Rule {
  readonly capacity: number;
  readonly refillSeconds: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitedAction, Rule>> = {
  post: { capacity: 10, refillSeconds: 30 },
  comment: { capacity: 30, refillSeconds: 5 },
  reaction: { capacity: 60, refillSeconds: 1 },
  friend_request: { capacity: 20, refillSeconds: 120 },
  report: { capacity: 10, refillSeconds: 60 },
  // Profile edits, avatar and banner, pinning: each rewrites the account row,
  // which every member's account views read again. A burst of 20 covers
  // someone trying out pictures and wording; then one every 10 s (6 a minute)
  // is still more than a person fiddling needs, and keeps a loop to a trickle.
  profile: { capacity: 20, refillSeconds: 10 },
};

const DOING: Readonly<Record<RateLimitedAction, string>> = {
  post: 'posting',
  comment: 'commenting',
  reaction: 'reacting',
  friend_request: 'sending friend requests',
  report: 'reporting',
  profile: 'changing your profile',
};

export function seedRateLimits(db: WriteDb): void {
  for (const action of RATE_LIMITED_ACTIONS) {
    if (db.rateLimitRule.action.find(action) === null) {
      db.rateLimitRule.insert({ action, ...DEFAULT_RATE_LIMITS[action] });
    }
  }
}

/** Takes one token from the sender's bucket for `action`, or refuses with when to try again. */
export function takeToken(ctx: ReducerContext, action: RateLimitedAction): void {
  const rule = ctx.db.rateLimitRule.action.find(action) ?? DEFAULT_RATE_LIMITS[action];
  const key = `${ctx.sender.toHexString()}/${action}`;
  const now = ctx.timestamp;
  const bucket = ctx.db.rateBucket.key.find(key);
  const intervalMicros = BigInt(Math.max(1, rule.refillSeconds)) * MICROS_PER_SECOND;
  let tokens = rule.capacity;
  let refilledAt = now;
  let sinceRefill = 0n;
  if (bucket !== null) {
    const elapsed = now.microsSinceUnixEpoch - bucket.refilledAt.microsSinceUnixEpoch;
    const gained = elapsed > 0n ? elapsed / intervalMicros : 0n;
    tokens = Math.min(rule.capacity, bucket.tokens + Number(gained));
    if (tokens < rule.capacity) {
      refilledAt = timestampAt(
        now,
        bucket.refilledAt.microsSinceUnixEpoch + gained * intervalMicros,
      );
      sinceRefill = elapsed - gained * intervalMicros;
    }
  }
  if (tokens <= 0) {
    const waitMicros = intervalMicros - sinceRefill;
    const seconds = Number((waitMicros + MICROS_PER_SECOND - 1n) / MICROS_PER_SECOND);
    throw new SenderError(
      `You are ${DOING[action]} too fast: try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    );
  }
  const next = { key, identity: ctx.sender, tokens: tokens - 1, refilledAt };
  if (bucket === null) ctx.db.rateBucket.insert(next);
  else ctx.db.rateBucket.key.update(next);
}
