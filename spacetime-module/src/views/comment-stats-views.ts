// The live counts of the comments you may see, in the same three parts.
import { t } from 'spacetimedb/server';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { commentStats } from '../tables/comment-tables';
import { queryUnlessBlocked } from './view-answers';
import { forMember } from './viewer';

export const publicCommentStats = spacetimedb.view(
  { name: 'public_comment_stats', public: true },
  t.array(commentStats.rowType),
  (ctx) =>
    queryUnlessBlocked(
      ctx,
      () => ctx.from.commentStats.where((row) => row.audience.eq('public')),
      (visible) =>
        visible
          .publicRows(
            (audience) => ctx.db.commentStats.audience.filter(audience),
            (row) => row.postAuthorId,
          )
          .filter((row) => !visible.isBlocked(row.authorId)),
    ),
);

export const friendCommentStats = spacetimedb.view(
  { name: 'friend_comment_stats', public: true },
  t.array(commentStats.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      return visible
        .friendRows((author) => ctx.db.commentStats.postAuthorId.filter(author))
        .filter((row) => !visible.isBlocked(row.authorId));
    }),
);

export const myCommentStats = spacetimedb.view(
  { name: 'my_comment_stats', public: true },
  t.array(commentStats.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      return visible
        .ownRows((author) => ctx.db.commentStats.postAuthorId.filter(author))
        .filter((row) => !visible.isBlocked(row.authorId));
    }),
);
