// Your side of the graph: your friendships, requests to and from you, your blocks.
import { t } from 'spacetimedb/server';
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
