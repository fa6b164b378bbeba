import { randomFillSync } from 'node:crypto';

/** Connection ids drawn per refill of the pool (16 bytes each). */
const IDS_PER_REFILL = 256;

const pool = new BigUint64Array(2 * IDS_PER_REFILL);
let next = pool.length;

/**
 * A fresh random, non-zero u128 connection id, as SpacetimeDB's
 * `ConnectionId::random()` gives each HTTP call. The random bytes come from
 * a pool refilled 4 KiB at a time: one `randomBytes(16)` per request costs
 * more than the reducer call it names.
 */
export function randomConnectionId(): bigint {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const high = pool[next++]!;
  const low = pool[next++]!;
  const id = (high << 64n) | low;
  return id === 0n ? 1n : id;
}
