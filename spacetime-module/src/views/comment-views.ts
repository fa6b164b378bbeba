// Comments on the posts you may see, in the same three parts as posts, never
// those of people in a block with you.
import { t } from 'spacetimedb/server';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { comment } from '../tables/comment-tables';
import { queryUnlessBlocked } from './view-answers';
import { forMember } from './viewer';

export const publicComment = spacetimedb.view(
  { name: 'public_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    queryUnlessBlocked(
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

export const friendComment = spacetimedb.view(
  { name: 'friend_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      return visible
        .friendRows((author) => ctx.db.comment.postAuthorId.filter(author))
        .filter((row) => !visible.isBlocked(row.authorId));
    }),
);

export const myComment = spacetimedb.view(
  { name: 'my_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      return visible
        .ownRows((author) => ctx.db.comment.postAuthorId.filter(author))
        .filter((row) => !visible.isBlocked(row.authorId));
    }),
);
