// What the API's service identity reads to keep its analytical copy (feed
// scoring, search): whole tables, as query-builder views the query engine can
// maintain incrementally. Anyone else gets an empty result.
import { t } from 'spacetimedb/server';
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
