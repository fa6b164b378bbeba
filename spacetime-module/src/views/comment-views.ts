// Comments on the posts you may see, in the same three parts as posts, never
// those of people in a block with you.
import { t } from 'spacetimedb/server';
import spacetimedb from '../schema';
import { comment } from '../tables/comment-tables';
import { queryUnlessBlocked } from './view-answers';

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
    queryUnlessBlocked(
      ctx,
      (me) =>
        ctx.from.friendship
          .where((row) => row.ownerId.eq(me.identity))
          .rightSemijoin(ctx.from.comment, (friend, row) => friend.friendId.eq(row.postAuthorId))
          .where((row) => row.audience.eq('friends')),
      (visible) =>
        visible
          .friendRows((author) => ctx.db.comment.postAuthorId.filter(author))
          .filter((row) => !visible.isBlocked(row.authorId)),
    ),
);

export const myComment = spacetimedb.view(
  { name: 'my_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    queryUnlessBlocked(
      ctx,
      (me) =>
        ctx.from.comment.where((row) =>
          row.postAuthorId.eq(me.identity).and(row.audience.ne('public')),
        ),
      (visible) =>
        visible
          .ownRows((author) => ctx.db.comment.postAuthorId.filter(author))
          .filter((row) => !visible.isBlocked(row.authorId)),
    ),
);
