// Friend requests and friendship rows, shared by the friend and block reducers.
import type { Identity, WriteDb } from '../context';
import { groupKeys, retract } from './notifications';

export type FriendRequestRow = NonNullable<ReturnType<WriteDb['friendRequest']['id']['find']>>;

/** The pending request from `from` to `to`, if any. */
export function requestBetween(
  db: WriteDb,
  from: Identity,
  to: Identity,
): FriendRequestRow | undefined {
  return db.friendRequest.pair.filter([from, to]).next().value ?? undefined;
}

/** Drops a pending request and takes back its notification. */
export function dropRequest(db: WriteDb, request: FriendRequestRow): void {
  db.friendRequest.id.delete(request.id);
  retract(db, request.recipientId, groupKeys.friendRequest(), request.senderId);
}

/** Ends a friendship both ways. */
export function removeFriendship(db: WriteDb, a: Identity, b: Identity): void {
  for (const [ownerId, friendId] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const row of [...db.friendship.pair.filter([ownerId, friendId])]) {
      db.friendship.id.delete(row.id);
    }
  }
}
