// Identity comparison for hot paths. Identity.isEqual compares hex strings it
// builds on every call; views compare identities for every row they read, so
// they compare the 256-bit values instead.
import type { Identity } from '../context';

export function sameIdentity(a: Identity, b: Identity): boolean {
  return a.__identity__ === b.__identity__;
}

/** A value that keys a Set or Map by identity. */
export function identityKey(identity: Identity): bigint {
  return identity.__identity__;
}
