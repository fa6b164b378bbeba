// Service reducers for accounts the API changed (a deletion and a new username),
// and a member forgetting the usernames they gave up.
import { isValidUsername } from '@kith/shared/names';
import { SenderError, t } from 'spacetimedb/server';
import { requireMember } from '../auth/member';
import { requireService } from '../auth/service';
import { removeAccount } from '../domain/account-removal';
import spacetimedb from '../schema';

/**
 * The API deleted the user: remove the account with its content, and remember
 * the user id so that a token issued before the deletion cannot recreate it.
 */
export const deleteUser = spacetimedb.reducer({ userId: t.string() }, (ctx, { userId }) => {
  requireService(ctx);
  const target = ctx.db.account.userId.find(userId);
  if (target !== null) removeAccount(ctx.db, target, ctx.timestamp);
  // Media of someone who never connected.
  for (const row of [...ctx.db.media.ownerUserId.filter(userId)]) {
    ctx.db.media.mediaId.delete(row.mediaId);
  }
  ctx.db.pendingUsername.userId.delete(userId);
  if (ctx.db.deletedUser.userId.find(userId) === null) {
    ctx.db.deletedUser.insert({ userId, deletedAt: ctx.timestamp });
  }
});

/**
 * The API renamed the user. Applied in the API's order, so a name the API
 * released reaches here before anyone else's rename to it; it can still be
 * held here only by an account the API no longer knows, and is refused.
 * Before the member's first connection, the name waits for it.
 */
export const renameUser = spacetimedb.reducer(
  { userId: t.string(), username: t.string() },
  (ctx, { userId, username }) => {
    requireService(ctx);
    if (!isValidUsername(username)) {
      throw new SenderError(`"${username}" is not a Kith username (3–20 of a-z, 0-9, _).`);
    }
    const target = ctx.db.account.userId.find(userId);
    if (target === null) {
      if (ctx.db.deletedUser.userId.find(userId) !== null) return;
      // The name is this user's now: it no longer leads to whoever gave it up.
      ctx.db.formerUsername.username.delete(username);
      const pending = { userId, username, renamedAt: ctx.timestamp };
      if (ctx.db.pendingUsername.userId.find(userId) === null) {
        ctx.db.pendingUsername.insert(pending);
      } else {
        ctx.db.pendingUsername.userId.update(pending);
      }
      return;
    }
    if (target.username === username) return;
    const holder = ctx.db.account.username.find(username);
    if (holder !== null) {
      throw new SenderError(`The username "${username}" is still held by another account.`);
    }
    ctx.db.account.identity.update({ ...target, username });
    ctx.db.formerUsername.username.delete(username);
    ctx.db.formerUsername.username.delete(target.username);
    ctx.db.formerUsername.insert({
      username: target.username,
      identity: target.identity,
      renamedAt: ctx.timestamp,
    });
  },
);

/**
 * A member lets go of the names they renamed away from: old links and
 * mentions no longer lead to them (someone leaving a name behind for good).
 */
export const forgetFormerUsernames = spacetimedb.reducer((ctx) => {
  const me = requireMember(ctx);
  for (const row of [...ctx.db.formerUsername.identity.filter(me.identity)]) {
    ctx.db.formerUsername.username.delete(row.username);
  }
});
