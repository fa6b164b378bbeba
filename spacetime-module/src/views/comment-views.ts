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
  (ctx) => forMember(ctx, (me) => new VisibleContent(ctx.db, me.identity).comments()),
);

export const visibleCommentStats = spacetimedb.view(
  { name: 'visible_comment_stats', public: true },
  t.array(commentStats.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      new VisibleContent(ctx.db, me.identity)
        .comments()
        .flatMap((row) => ctx.db.commentStats.commentId.find(row.id) ?? []),
    ),
);
