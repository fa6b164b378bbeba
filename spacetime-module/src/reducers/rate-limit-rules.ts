// The owner tunes the per-sender rate limits.
import { SenderError, t } from 'spacetimedb/server';
import { requireOwner } from '../auth/module-config';
import { audit } from '../domain/audit';
import { RATE_LIMITED_ACTIONS } from '../domain/rate-limits';
import { requireOneOf } from '../domain/validation';
import spacetimedb from '../schema';

export const setRateLimit = spacetimedb.reducer(
  { action: t.string(), capacity: t.u32(), refillSeconds: t.u32() },
  (ctx, { action, capacity, refillSeconds }) => {
    requireOwner(ctx);
    const which = requireOneOf(action, RATE_LIMITED_ACTIONS, 'The action');
    if (capacity < 1 || capacity > 100_000) {
      throw new SenderError('The capacity is 1 to 100000 actions.');
    }
    if (refillSeconds < 1 || refillSeconds > 86_400) {
      throw new SenderError('The refill interval is 1 to 86400 seconds.');
    }
    const rule = { action: which, capacity, refillSeconds };
    if (ctx.db.rateLimitRule.action.find(which) === null) ctx.db.rateLimitRule.insert(rule);
    else ctx.db.rateLimitRule.action.update(rule);
    audit(ctx, {
      action: 'set_rate_limit',
      targetKind: 'rate_limit',
      targetId: which,
      reason: '',
      detail: `${capacity} per bucket, one more every ${refillSeconds} s`,
    });
  },
);
