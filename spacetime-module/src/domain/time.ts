// Arithmetic on SpacetimeDB timestamps. `spacetimedb/server` does not export
// the Timestamp class (importing it from the `spacetimedb` root would bundle
// the client SDK into the module), so new timestamps are made with the
// constructor of one the host gave us.
import type { Timestamp } from '../context';

export const MICROS_PER_SECOND = 1_000_000n;

/** The timestamp `micros` after the Unix epoch, made like `like`. */
export function timestampAt(like: Timestamp, micros: bigint): Timestamp {
  const make = like.constructor as new (micros: bigint) => Timestamp;
  return new make(micros);
}

/** `seconds` after `from`. */
export function secondsAfter(from: Timestamp, seconds: number): Timestamp {
  return timestampAt(
    from,
    from.microsSinceUnixEpoch + BigInt(Math.round(seconds)) * MICROS_PER_SECOND,
  );
}

/** Whole seconds from `earlier` to `later` (negative when `later` is before). */
export function secondsBetween(earlier: Timestamp, later: Timestamp): number {
  return Number((later.microsSinceUnixEpoch - earlier.microsSinceUnixEpoch) / MICROS_PER_SECOND);
}

export function isBefore(a: Timestamp, b: Timestamp): boolean {
  return a.microsSinceUnixEpoch < b.microsSinceUnixEpoch;
}
