// Comments (and their live counts) on the posts you may see, in the same two
// parts as posts, never those of people in a block with you.
import { t } from 'spacetimedb/server';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { comment, commentStats } from '../tables/comment-tables';
import { publicAnswer } from './public-answer';
import { forMember } from './viewer';

export const publicComment = spacetimedb.view(
  { name: 'public_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    publicAnswer(
      ctx,
      () => ctx.from.comment.where((row) => row.audience.eq('public')),
      (visible) =>
        visible
          .publicRows(
            (audience) => ctx.db.comment.audience.filter(audience),
            (row) => row.postAuthorId,
          )
          .filter((row) => !visible.isBlocked(row.authorId)),
    ),
);

export const circleComment = spacetimedb.view(
  { name: 'circle_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      return visible
        .circle((author) => ctx.db.comment.postAuthorId.filter(author))
        .filter((row) => !visible.isBlocked(row.authorId));
    }),
);

export const publicCommentStats = spacetimedb.view(
  { name: 'public_comment_stats', public: true },
  t.array(commentStats.rowType),
  (ctx) =>
    publicAnswer(
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

export const circleCommentStats = spacetimedb.view(
  { name: 'circle_comment_stats', public: true },
  t.array(commentStats.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      return visible
        .circle((author) => ctx.db.commentStats.postAuthorId.filter(author))
        .filter((row) => !visible.isBlocked(row.authorId));
    }),
);
