// Blocking: ends the friendship and pending requests both ways, clears each
// from the other's notifications, and from then on hides each from the other
// and stops requests, comments, reactions and messages between them.
import { SenderError, t } from 'spacetimedb/server';
import { requireMember } from '../auth/member';
import { dropRequest, removeFriendship, requestBetween } from '../domain/friendships';
import { requireOtherAccount } from '../domain/lookups';
import { forgetActor } from '../domain/notifications';
import spacetimedb from '../schema';

export const blockAccount = spacetimedb.reducer({ target: t.identity() }, (ctx, { target }) => {
  requireMember(ctx);
  const other = requireOtherAccount(ctx.db, ctx.sender, target);
  if (!ctx.db.block.pair.filter([ctx.sender, target]).next().done) {
    throw new SenderError(`You already blocked ${other.username}.`);
  }
  ctx.db.block.insert({
    id: 0n,
    blockerId: ctx.sender,
    blockedId: target,
    createdAt: ctx.timestamp,
  });
  removeFriendship(ctx.db, ctx.sender, target);
  for (const [from, to] of [
    [ctx.sender, target],
    [target, ctx.sender],
  ] as const) {
    const pending = requestBetween(ctx.db, from, to);
    if (pending !== undefined) dropRequest(ctx.db, pending);
  }
  forgetActor(ctx.db, ctx.sender, target);
  forgetActor(ctx.db, target, ctx.sender);
});

export const unblockAccount = spacetimedb.reducer({ target: t.identity() }, (ctx, { target }) => {
  requireMember(ctx);
  const mine = [...ctx.db.block.pair.filter([ctx.sender, target])];
  if (mine.length === 0) throw new SenderError('You have not blocked that member.');
  for (const row of mine) ctx.db.block.id.delete(row.id);
});
