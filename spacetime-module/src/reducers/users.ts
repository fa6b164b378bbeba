// Service reducers for accounts the API changed: a deletion and a new username.
import { isValidUsername } from '@kith/shared/names';
import { SenderError, t } from 'spacetimedb/server';
import { requireService } from '../auth/service';
import { removeAccount } from '../domain/account-removal';
import spacetimedb from '../schema';

/** The API deleted the user: remove the account with its content; a no-op when absent. */
export const deleteUser = spacetimedb.reducer({ userId: t.string() }, (ctx, { userId }) => {
  requireService(ctx);
  const target = ctx.db.account.userId.find(userId);
  if (target !== null) {
    removeAccount(ctx.db, target, ctx.timestamp);
    return;
  }
  // Media of someone who never connected.
  for (const row of [...ctx.db.media.ownerUserId.filter(userId)]) {
    ctx.db.media.mediaId.delete(row.mediaId);
  }
});

/**
 * The API renamed the user. Applied in the API's order; a name still held here
 * by someone whose own rename has not arrived is refused, and the API retries.
 */
export const renameUser = spacetimedb.reducer(
  { userId: t.string(), username: t.string() },
  (ctx, { userId, username }) => {
    requireService(ctx);
    if (!isValidUsername(username)) {
      throw new SenderError(`"${username}" is not a Kith username (3–20 of a-z, 0-9, _).`);
    }
    const target = ctx.db.account.userId.find(userId);
    if (target === null || target.username === username) return;
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
