// The live counts of the posts you may see, in the same three parts as posts.
// A post has counts from its first comment or reaction on.
import { t } from 'spacetimedb/server';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { postStats } from '../tables/post-tables';
import { queryUnlessBlocked } from './view-answers';
import { forMember } from './viewer';

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
    forMember(ctx, (me) =>
      new VisibleContent(ctx.db, me.identity).friendRows((author) =>
        ctx.db.postStats.postAuthorId.filter(author),
      ),
    ),
);

export const myPostStats = spacetimedb.view(
  { name: 'my_post_stats', public: true },
  t.array(postStats.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      new VisibleContent(ctx.db, me.identity).ownRows((author) =>
        ctx.db.postStats.postAuthorId.filter(author),
      ),
    ),
);
