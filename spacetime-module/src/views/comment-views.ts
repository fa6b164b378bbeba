// Comments on the posts you may see, in the same three parts as posts, never
// those of people in a block with you; and the text of your own deleted
// comments, for you alone, while you can restore them.
import { t } from 'spacetimedb/server';
import { canSeePost, VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { comment, deletedComment } from '../tables/comment-tables';
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

/**
 * Your deleted comments that you can restore: on posts you still see (not
 * deleted, not hidden from you). No one else's view reads deleted_comment.
 */
export const myDeletedComment = spacetimedb.view(
  { name: 'my_deleted_comment', public: true },
  t.array(deletedComment.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      [...ctx.db.deletedComment.authorId.filter(me.identity)].filter((row) => {
        const onPost = ctx.db.post.id.find(row.postId);
        return (
          onPost !== null &&
          onPost.deletedAt === undefined &&
          canSeePost(ctx.db, me.identity, onPost)
        );
      }),
    ),
);
