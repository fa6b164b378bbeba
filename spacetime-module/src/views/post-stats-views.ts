// The live counts of the posts you may see, in the same three parts as posts.
// A post has counts from its first comment or reaction on.
import { t } from 'spacetimedb/server';
import spacetimedb from '../schema';
import { postStats } from '../tables/post-tables';
import { memberQuery, queryUnlessBlocked } from './view-answers';

export const publicPostStats = spacetimedb.view(
  { name: 'public_post_stats', public: true },
  t.array(postStats.rowType),
  (ctx) =>
    queryUnlessBlocked(
      ctx,
      () => ctx.from.postStats.where((row) => row.audience.eq('public')),
      (visible) =>
        visible.publicRows(
          (audience) => ctx.db.postStats.audience.filter(audience),
          (row) => row.postAuthorId,
        ),
    ),
);

export const friendPostStats = spacetimedb.view(
  { name: 'friend_post_stats', public: true },
  t.array(postStats.rowType),
  (ctx) =>
    memberQuery(ctx, (me) =>
      ctx.from.friendship
        .where((row) => row.ownerId.eq(me.identity))
        .rightSemijoin(ctx.from.postStats, (friend, row) => friend.friendId.eq(row.postAuthorId))
        .where((row) => row.audience.eq('friends')),
    ),
);

export const myPostStats = spacetimedb.view(
  { name: 'my_post_stats', public: true },
  t.array(postStats.rowType),
  (ctx) =>
    memberQuery(ctx, (me) =>
      ctx.from.postStats.where((row) =>
        row.postAuthorId.eq(me.identity).and(row.audience.ne('public')),
      ),
    ),
);
