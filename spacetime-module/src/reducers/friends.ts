// Friend requests and friendships. A request to someone who already asked
// you becomes a friendship; nothing passes between people in a block.
import { SenderError, t } from 'spacetimedb/server';
import { requireMember, requireUnmutedMember } from '../auth/member';
import type { ReducerContext } from '../context';
import {
  dropRequest,
  type FriendRequestRow,
  removeFriendship,
  requestBetween,
} from '../domain/friendships';
import { areFriends, isBlockedBetween } from '../domain/graph';
import { requireOtherAccount } from '../domain/lookups';
import { groupKeys, notify } from '../domain/notifications';
import { takeToken } from '../domain/rate-limits';
import spacetimedb from '../schema';

export const sendFriendRequest = spacetimedb.reducer(
  { recipient: t.identity() },
  (ctx, { recipient }) => {
    requireUnmutedMember(ctx);
    const other = requireOtherAccount(ctx.db, ctx.sender, recipient);
    if (isBlockedBetween(ctx.db, ctx.sender, recipient) || ctx.db.ban.identity.find(recipient)) {
      throw new SenderError(`You cannot send a friend request to ${other.username}.`);
    }
    if (areFriends(ctx.db, ctx.sender, recipient)) {
      throw new SenderError(`You are already friends with ${other.username}.`);
    }
    if (requestBetween(ctx.db, ctx.sender, recipient) !== undefined) {
      throw new SenderError(`You already asked ${other.username}; wait for an answer.`);
    }
    const theirs = requestBetween(ctx.db, recipient, ctx.sender);
    if (theirs !== undefined) {
      acceptRequest(ctx, theirs);
      return;
    }
    takeToken(ctx, 'friend_request');
    ctx.db.friendRequest.insert({
      id: 0n,
      senderId: ctx.sender,
      recipientId: recipient,
      createdAt: ctx.timestamp,
    });
    notify(
      ctx.db,
      {
        recipientId: recipient,
        actorId: ctx.sender,
        kind: 'friend_request',
        groupKey: groupKeys.friendRequest(),
      },
      ctx.timestamp,
    );
  },
);

export const cancelFriendRequest = spacetimedb.reducer(
  { recipient: t.identity() },
  (ctx, { recipient }) => {
    requireMember(ctx);
    const mine = requestBetween(ctx.db, ctx.sender, recipient);
    if (mine === undefined) throw new SenderError('You have no pending request to that member.');
    dropRequest(ctx.db, mine);
  },
);

export const acceptFriendRequest = spacetimedb.reducer(
  { requester: t.identity() },
  (ctx, { requester }) => {
    requireMember(ctx);
    const theirs = requestBetween(ctx.db, requester, ctx.sender);
    if (theirs === undefined) throw new SenderError('That member has not asked to be your friend.');
    acceptRequest(ctx, theirs);
  },
);

export const rejectFriendRequest = spacetimedb.reducer(
  { requester: t.identity() },
  (ctx, { requester }) => {
    requireMember(ctx);
    const theirs = requestBetween(ctx.db, requester, ctx.sender);
    if (theirs === undefined) throw new SenderError('That member has not asked to be your friend.');
    dropRequest(ctx.db, theirs);
  },
);

export const unfriend = spacetimedb.reducer({ friend: t.identity() }, (ctx, { friend }) => {
  requireMember(ctx);
  if (!areFriends(ctx.db, ctx.sender, friend)) {
    throw new SenderError('You are not friends with that member.');
  }
  removeFriendship(ctx.db, ctx.sender, friend);
});

/** The request's recipient accepts: both become friends, and the requester hears so. */
function acceptRequest(ctx: ReducerContext, request: FriendRequestRow): void {
  dropRequest(ctx.db, request);
  for (const [ownerId, friendId] of [
    [request.senderId, request.recipientId],
    [request.recipientId, request.senderId],
  ] as const) {
    ctx.db.friendship.insert({ id: 0n, ownerId, friendId, since: ctx.timestamp });
  }
  notify(
    ctx.db,
    {
      recipientId: request.senderId,
      actorId: request.recipientId,
      kind: 'friend_accepted',
      groupKey: groupKeys.friendAccepted(),
    },
    ctx.timestamp,
  );
}
