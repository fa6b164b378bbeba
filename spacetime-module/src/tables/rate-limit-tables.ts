// Token buckets that limit how fast one sender can post, comment, react, ask
// for friendship and report.
import { t, table } from 'spacetimedb/server';

/** A bucket holds up to `capacity` tokens and gains one every `refillSeconds`. */
export const rateLimitRule = table(
  { name: 'rate_limit_rule' },
  {
    action: t.string().primaryKey(),
    capacity: t.u32(),
    refillSeconds: t.u32(),
  },
);

export const rateBucket = table(
  { name: 'rate_bucket' },
  {
    /** `<identity hex>/<action>`. */
    key: t.string().primaryKey(),
    identity: t.identity().index('btree'),
    tokens: t.u32(),
    refilledAt: t.timestamp(),
  },
);
