// What the API's service identity reads: whole tables for its analytical copy
// (feed scoring, search), as query-builder views the query engine can
// maintain incrementally, and the bans in force, which it checks before it
// lets a person log in or renew an ID token. Anyone else gets an empty result.
import { Range, t } from 'spacetimedb/server';
import { isServiceIdentity } from '../auth/service';
import spacetimedb from '../schema';
import { account } from '../tables/account-tables';
import { comment } from '../tables/comment-tables';
import { block, friendship } from '../tables/friend-tables';
import { post } from '../tables/post-tables';
import { reaction } from '../tables/reaction-tables';

// Row ids start at 1 and user ids are never empty, so these filters match
// nothing: they are how a query-builder view says "no rows".
const NO_ID = 0n;

export const serviceAccount = spacetimedb.view(
  { name: 'service_account', public: true },
  t.array(account.rowType),
  (ctx) =>
    isServiceIdentity(ctx.db, ctx.sender)
      ? ctx.from.account
      : ctx.from.account.where((row) => row.userId.eq('')),
);

export const servicePost = spacetimedb.view(
  { name: 'service_post', public: true },
  t.array(post.rowType),
  (ctx) =>
    isServiceIdentity(ctx.db, ctx.sender)
      ? ctx.from.post
      : ctx.from.post.where((row) => row.id.eq(NO_ID)),
);

export const serviceComment = spacetimedb.view(
  { name: 'service_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    isServiceIdentity(ctx.db, ctx.sender)
      ? ctx.from.comment
      : ctx.from.comment.where((row) => row.id.eq(NO_ID)),
);

export const serviceReaction = spacetimedb.view(
  { name: 'service_reaction', public: true },
  t.array(reaction.rowType),
  (ctx) =>
    isServiceIdentity(ctx.db, ctx.sender)
      ? ctx.from.reaction
      : ctx.from.reaction.where((row) => row.id.eq(NO_ID)),
);

export const serviceFriendship = spacetimedb.view(
  { name: 'service_friendship', public: true },
  t.array(friendship.rowType),
  (ctx) =>
    isServiceIdentity(ctx.db, ctx.sender)
      ? ctx.from.friendship
      : ctx.from.friendship.where((row) => row.id.eq(NO_ID)),
);

export const serviceBlock = spacetimedb.view(
  { name: 'service_block', public: true },
  t.array(block.rowType),
  (ctx) =>
    isServiceIdentity(ctx.db, ctx.sender)
      ? ctx.from.block
      : ctx.from.block.where((row) => row.id.eq(NO_ID)),
);

/** A ban in force, by the API's user id (the account's token `sub`). */
const serviceBanRow = t.row('BanInForce', {
  userId: t.string(),
  reason: t.string(),
  bannedAt: t.timestamp(),
});

/**
 * The API asks this view (over SQL, `WHERE user_id = ...`) whether someone may
 * log in. An unban deletes the ban row, so every row here is a ban in force.
 * Procedural, since the user id lives on the account: bans are few, and the
 * view reads the ban index and one account per ban.
 */
export const serviceBan = spacetimedb.view(
  { name: 'service_ban', public: true },
  t.array(serviceBanRow),
  (ctx) => {
    if (!isServiceIdentity(ctx.db, ctx.sender)) return [];
    return [...ctx.db.ban.bannedAt.filter(new Range())].flatMap((row) => {
      const banned = ctx.db.account.identity.find(row.identity);
      return banned === null
        ? []
        : [{ userId: banned.userId, reason: row.reason, bannedAt: row.bannedAt }];
    });
  },
);
