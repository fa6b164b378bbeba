// Questions about the social graph that every policy asks.
import type { Identity, ReadDb } from '../context';

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

/** Everyone `identity` blocked or was blocked by, as identity hex strings. */
export function blockedHexesOf(db: ReadDb, identity: Identity): Set<string> {
  const hexes = new Set<string>();
  for (const row of db.block.blockerId.filter(identity)) hexes.add(row.blockedId.toHexString());
  for (const row of db.block.blockedId.filter(identity)) hexes.add(row.blockerId.toHexString());
  return hexes;
}
