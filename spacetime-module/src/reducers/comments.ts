// Threaded comments on posts: write, reply, edit, delete. A comment is seen
// by exactly those who see its post (minus people in a block with its author).
import { COMMENT_TEXT_MAX_LENGTH } from '@kith/shared/limits';
import { SenderError, t } from 'spacetimedb/server';
import { requireMember, requireUnmutedMember } from '../auth/member';
import { postAudience } from '../domain/audience';
import { deleteCommentInThread } from '../domain/comment-removal';
import { sameIdentity } from '../domain/identities';
import { requireVisibleComment, requireVisiblePost } from '../domain/lookups';
import { notifyMentions } from '../domain/mentions';
import { groupKeys, notify } from '../domain/notifications';
import { takeToken } from '../domain/rate-limits';
import { countCommentReply, countPostComment } from '../domain/tallies';
import { requireWrittenText } from '../domain/validation';
import spacetimedb from '../schema';

/** A comment on a post (`parentId` 0) or a reply to one of its comments. */
export const createComment = spacetimedb.reducer(
  { postId: t.u64(), parentId: t.u64(), text: t.string() },
  (ctx, { postId, parentId, text }) => {
    requireUnmutedMember(ctx);
    const onPost = requireVisiblePost(ctx.db, ctx.sender, postId);
    requireWrittenText(text, 'A comment', COMMENT_TEXT_MAX_LENGTH);
    const parent =
      parentId === 0n ? undefined : requireVisibleComment(ctx.db, ctx.sender, parentId);
    if (parent !== undefined && parent.postId !== postId) {
      throw new SenderError(`Comment ${parentId} belongs to another post.`);
    }
    takeToken(ctx, 'comment');
    const created = ctx.db.comment.insert({
      id: 0n,
      postId,
      ...postAudience(onPost),
      parentId,
      authorId: ctx.sender,
      text,
      createdAt: ctx.timestamp,
      editedAt: undefined,
      deletedAt: undefined,
    });
    countPostComment(ctx.db, postId, 1);
    if (parent !== undefined) {
      countCommentReply(ctx.db, parent.id, 1);
      notify(
        ctx.db,
        {
          recipientId: parent.authorId,
          actorId: ctx.sender,
          kind: 'reply',
          groupKey: groupKeys.replyToComment(parent.id),
          postId,
          commentId: created.id,
        },
        ctx.timestamp,
      );
    }
    if (parent === undefined || !sameIdentity(parent.authorId, onPost.authorId)) {
      notify(
        ctx.db,
        {
          recipientId: onPost.authorId,
          actorId: ctx.sender,
          kind: 'comment',
          groupKey: groupKeys.commentOnPost(postId),
          postId,
          commentId: created.id,
        },
        ctx.timestamp,
      );
    }
    notifyMentions(
      ctx.db,
      {
        text,
        actorId: ctx.sender,
        post: onPost,
        groupKey: groupKeys.mentionInComment(created.id),
        commentId: created.id,
      },
      ctx.timestamp,
    );
  },
);

export const editComment = spacetimedb.reducer(
  { commentId: t.u64(), text: t.string() },
  (ctx, { commentId, text }) => {
    requireUnmutedMember(ctx);
    const current = requireVisibleComment(ctx.db, ctx.sender, commentId);
    if (!sameIdentity(current.authorId, ctx.sender)) {
      throw new SenderError('You can only edit your own comments.');
    }
    requireWrittenText(text, 'A comment', COMMENT_TEXT_MAX_LENGTH);
    if (current.text === text) return;
    const onPost = requireVisiblePost(ctx.db, ctx.sender, current.postId);
    // A change can @mention a new set of people: it costs a token as a comment does.
    takeToken(ctx, 'comment');
    ctx.db.comment.id.update({ ...current, text, editedAt: ctx.timestamp });
    notifyMentions(
      ctx.db,
      {
        text,
        previousText: current.text,
        actorId: ctx.sender,
        post: onPost,
        groupKey: groupKeys.mentionInComment(commentId),
        commentId,
      },
      ctx.timestamp,
    );
  },
);

/** Deleted by its author, or by the author of the post it is on. */
export const deleteComment = spacetimedb.reducer({ commentId: t.u64() }, (ctx, { commentId }) => {
  requireMember(ctx);
  const current = ctx.db.comment.id.find(commentId);
  const onPost = current === null ? null : ctx.db.post.id.find(current.postId);
  const mayDelete =
    current !== null &&
    current.deletedAt === undefined &&
    onPost !== null &&
    (sameIdentity(current.authorId, ctx.sender) || sameIdentity(onPost.authorId, ctx.sender));
  if (!mayDelete) {
    throw new SenderError(`There is no comment ${commentId} that you may delete.`);
  }
  deleteCommentInThread(ctx.db, current, ctx.timestamp);
});
