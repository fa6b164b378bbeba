// Threaded comments on posts: write, reply, edit, delete, restore. A comment
// is seen by exactly those who see its post (minus people in a block with its
// author). A comment its author deleted can be restored by them for
// COMMENT_RESTORE_DAYS; one the post's author or an admin removed cannot.
import { COMMENT_TEXT_MAX_LENGTH } from '@kith/shared/limits';
import { SenderError, t } from 'spacetimedb/server';
import { requireMember, requireUnmutedMember } from '../auth/member';
import { postAudience } from '../domain/audience';
import { deleteCommentInThread } from '../domain/comment-removal';
import {
  forgetDeletedComment,
  rebuildThreadAbove,
  requireRestorable,
  restorePeriodOver,
  saveDeletedComment,
} from '../domain/deleted-comments';
import { sameIdentity } from '../domain/identities';
import { requireVisibleComment, requireVisiblePost } from '../domain/lookups';
import { notifyMentions } from '../domain/mentions';
import { groupKeys, notify } from '../domain/notifications';
import { takeToken } from '../domain/rate-limits';
import { countCommentReply, countPostComment } from '../domain/tallies';
import { requireWrittenText } from '../domain/validation';
import spacetimedb from '../schema';
import { commentPurge } from '../tables/comment-tables';

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

/**
 * Deleted by its author, who can restore it for a while (its text is kept for
 * them alone), or by the author of the post it is on, for good.
 */
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
  if (sameIdentity(current.authorId, ctx.sender)) {
    saveDeletedComment(ctx.db, current, ctx.timestamp);
  }
  deleteCommentInThread(ctx.db, current, ctx.timestamp);
});

/**
 * Brings back a comment its author deleted, in its place in the thread and in
 * the counts. Its notifications, taken back on delete, are not sent again, and
 * its reactions stay gone. A restore takes a 'comment' token, as writing does.
 */
export const restoreComment = spacetimedb.reducer({ commentId: t.u64() }, (ctx, { commentId }) => {
  requireUnmutedMember(ctx);
  const { saved, onPost } = requireRestorable(ctx, commentId);
  takeToken(ctx, 'comment');
  rebuildThreadAbove(ctx.db, saved.parentId, onPost);
  const restored = {
    id: saved.commentId,
    postId: saved.postId,
    ...postAudience(onPost),
    parentId: saved.parentId,
    authorId: saved.authorId,
    text: saved.text,
    createdAt: saved.createdAt,
    editedAt: saved.editedAt,
    deletedAt: undefined,
  };
  // A tombstone (it had replies) takes its text back; otherwise the comment
  // comes back under its old id (and in its old place: its parent, rebuilt
  // as a tombstone if it went with its last reply).
  if (ctx.db.comment.id.find(commentId) === null) ctx.db.comment.insert(restored);
  else ctx.db.comment.id.update(restored);
  countPostComment(ctx.db, saved.postId, 1);
  if (saved.parentId !== 0n) countCommentReply(ctx.db, saved.parentId, 1);
  forgetDeletedComment(ctx.db, commentId);
});

/** Run by the scheduler when a deleted comment's restore period is over: its text goes. */
export const purgeDeletedComment = spacetimedb.reducer(
  { onSchedule: commentPurge },
  { purge: commentPurge.rowType },
  (ctx, { purge }) => {
    if (!sameIdentity(ctx.sender, ctx.databaseIdentity)) {
      throw new SenderError('Only the scheduler purges deleted comments.');
    }
    const saved = ctx.db.deletedComment.commentId.find(purge.commentId);
    if (saved !== null && restorePeriodOver(saved, ctx.timestamp)) {
      forgetDeletedComment(ctx.db, purge.commentId);
    }
  },
);
