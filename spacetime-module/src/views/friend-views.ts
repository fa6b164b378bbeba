// Your side of the graph: your friendships, requests to and from you, your
// blocks, and your friends' friend lists.
import { t } from 'spacetimedb/server';
import type { Friendship } from '../context';
import { isBlockedBetween } from '../domain/graph';
import { sameIdentity } from '../domain/identities';
import spacetimedb from '../schema';
import { block, friendRequest, friendship } from '../tables/friend-tables';
import { forMember } from './viewer';

export const myFriendship = spacetimedb.view(
  { name: 'my_friendship', public: true },
  t.array(friendship.rowType),
  (ctx) => forMember(ctx, (me) => [...ctx.db.friendship.ownerId.filter(me.identity)]),
);

export const myFriendRequest = spacetimedb.view(
  { name: 'my_friend_request', public: true },
  t.array(friendRequest.rowType),
  (ctx) =>
    forMember(ctx, (me) => [
      ...ctx.db.friendRequest.senderId.filter(me.identity),
      ...ctx.db.friendRequest.recipientId.filter(me.identity),
    ]),
);

/** The blocks you made; nobody learns that you blocked them. */
export const myBlock = spacetimedb.view(
  { name: 'my_block', public: true },
  t.array(block.rowType),
  (ctx) => forMember(ctx, (me) => [...ctx.db.block.blockerId.filter(me.identity)]),
);

/**
 * Your friends' friendships, for a friend's profile (their friends) and for
 * the friends you have in common with anyone else. A friendship with someone
 * in a block with you is left out; nobody's list reaches you unless they are
 * your friend.
 */
export const friendFriendship = spacetimedb.view(
  { name: 'friend_friendship', public: true },
  t.array(friendship.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const theirs: Friendship[] = [];
      for (const mine of ctx.db.friendship.ownerId.filter(me.identity)) {
        for (const row of ctx.db.friendship.ownerId.filter(mine.friendId)) {
          if (sameIdentity(row.friendId, me.identity)) continue;
          if (isBlockedBetween(ctx.db, me.identity, row.friendId)) continue;
          theirs.push(row);
        }
      }
      return theirs;
    }),
);
