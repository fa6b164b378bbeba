// Questions about the social graph that every policy asks.
import type { Identity, ReadDb } from '../context';
import { identityKey } from './identities';

export function areFriends(db: ReadDb, a: Identity, b: Identity): boolean {
  return !db.friendship.pair.filter([a, b]).next().done;
}

/** True when either person blocked the other. */
export function isBlockedBetween(db: ReadDb, a: Identity, b: Identity): boolean {
  return !db.block.pair.filter([a, b]).next().done || !db.block.pair.filter([b, a]).next().done;
}

export function friendIdsOf(db: ReadDb, identity: Identity): Identity[] {
  return [...db.friendship.ownerId.filter(identity)].map((row) => row.friendId);
}

/** Everyone `identity` blocked or was blocked by, keyed by identityKey. */
export function blockedKeysOf(db: ReadDb, identity: Identity): Set<bigint> {
  const keys = new Set<bigint>();
  for (const row of db.block.blockerId.filter(identity)) keys.add(identityKey(row.blockedId));
  for (const row of db.block.blockedId.filter(identity)) keys.add(identityKey(row.blockerId));
  return keys;
}
