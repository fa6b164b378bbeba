// Comments on posts you may see (not those of people in a block with you),
// and their live counts.
import { t } from 'spacetimedb/server';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { comment, commentStats } from '../tables/comment-tables';
import { forMember } from './viewer';

export const visibleComment = spacetimedb.view(
  { name: 'visible_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      return visible
        .hangingOff(
          (author) => ctx.db.comment.postAuthorId.filter(author),
          (audience) => ctx.db.comment.audience.filter(audience),
        )
        .filter((row) => !visible.isBlocked(row.authorId));
    }),
);

export const visibleCommentStats = spacetimedb.view(
  { name: 'visible_comment_stats', public: true },
  t.array(commentStats.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      return visible
        .hangingOff(
          (author) => ctx.db.commentStats.postAuthorId.filter(author),
          (audience) => ctx.db.commentStats.audience.filter(audience),
        )
        .filter((row) => !visible.isBlocked(row.authorId));
    }),
);
