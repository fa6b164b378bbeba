// The text of comments their authors deleted, kept for them alone until they
// restore it or the restore period ends. Everyone else sees what a deletion
// always left: a textless tombstone while replies hang from it, or nothing.
import { COMMENT_RESTORE_DAYS } from '@kith/shared/limits';
import { ScheduleAt, SenderError } from 'spacetimedb/server';
import type { Comment, Identity, Post, ReducerContext, Timestamp, WriteDb } from '../context';
import { postAudience } from './audience';
import { sameIdentity } from './identities';
import { isBefore, secondsAfter } from './time';
import { canSeePost } from './visibility';

export const COMMENT_RESTORE_SECONDS = COMMENT_RESTORE_DAYS * 24 * 60 * 60;

type SavedComment = NonNullable<ReturnType<WriteDb['deletedComment']['commentId']['find']>>;

/** Keeps the text of `target`, which its author is deleting now, and schedules its purge. */
export function saveDeletedComment(db: WriteDb, target: Comment, now: Timestamp): void {
  forgetDeletedComment(db, target.id);
  db.deletedComment.insert({
    commentId: target.id,
    postId: target.postId,
    parentId: target.parentId,
    authorId: target.authorId,
    text: target.text,
    createdAt: target.createdAt,
    editedAt: target.editedAt,
    deletedAt: now,
  });
  const purgeAt = secondsAfter(now, COMMENT_RESTORE_SECONDS);
  db.commentPurge.insert({
    scheduledId: 0n,
    scheduledAt: ScheduleAt.time(purgeAt.microsSinceUnixEpoch),
    commentId: target.id,
  });
}

/** Drops the saved text of comment `commentId` (if any) and its scheduled purge. */
export function forgetDeletedComment(db: WriteDb, commentId: bigint): void {
  db.deletedComment.commentId.delete(commentId);
  for (const row of [...db.commentPurge.commentId.filter(commentId)]) {
    db.commentPurge.scheduledId.delete(row.scheduledId);
  }
}

/** Drops the saved texts of the deleted comments on a post that is going for good. */
export function forgetDeletedCommentsOn(db: WriteDb, postId: bigint): void {
  for (const row of [...db.deletedComment.postId.filter(postId)]) {
    forgetDeletedComment(db, row.commentId);
  }
}

/** Drops the saved texts of an account that is going. */
export function forgetDeletedCommentsBy(db: WriteDb, authorId: Identity): void {
  for (const row of [...db.deletedComment.authorId.filter(authorId)]) {
    forgetDeletedComment(db, row.commentId);
  }
}

/** Whether the saved comment's restore period is over at `now`. */
export function restorePeriodOver(saved: SavedComment, now: Timestamp): boolean {
  return !isBefore(now, secondsAfter(saved.deletedAt, COMMENT_RESTORE_SECONDS));
}

/**
 * What restoring comment `commentId` needs, checked before anything is
 * written: the sender's saved text, within its period, on a post they still
 * see. Refuses with why not.
 */
export function requireRestorable(
  ctx: ReducerContext,
  commentId: bigint,
): { saved: SavedComment; onPost: Post } {
  const saved = ctx.db.deletedComment.commentId.find(commentId);
  if (saved === null || !sameIdentity(saved.authorId, ctx.sender)) {
    throw new SenderError(
      `You have no deleted comment ${commentId} to restore: you can restore a comment you deleted yourself for ${COMMENT_RESTORE_DAYS} days.`,
    );
  }
  if (restorePeriodOver(saved, ctx.timestamp)) {
    throw new SenderError(
      `Comments can be restored for ${COMMENT_RESTORE_DAYS} days after deletion; comment ${commentId} was deleted longer ago.`,
    );
  }
  const onPost = ctx.db.post.id.find(saved.postId);
  if (
    onPost === null ||
    onPost.deletedAt !== undefined ||
    !canSeePost(ctx.db, ctx.sender, onPost)
  ) {
    throw new SenderError(
      `Comment ${commentId} cannot be restored: its post is gone or no longer visible to you.`,
    );
  }
  requireThreadBack(ctx.db, saved.parentId, commentId);
  return { saved, onPost };
}

/** Refuses when a comment above `parentId` is gone for good (removed, not saved). */
function requireThreadBack(db: WriteDb, parentId: bigint, commentId: bigint): void {
  for (let id = parentId; id !== 0n; ) {
    if (db.comment.id.find(id) !== null) return;
    const saved = db.deletedComment.commentId.find(id);
    if (saved === null) {
      throw new SenderError(
        `Comment ${commentId} cannot be restored: the comment it replied to was removed.`,
      );
    }
    id = saved.parentId;
  }
}

/**
 * Brings back the comments above a restored one that went with their last
 * reply, as the textless tombstones they were (their authors can still
 * restore their text). requireRestorable has checked that each was saved.
 */
export function rebuildThreadAbove(db: WriteDb, parentId: bigint, onPost: Post): void {
  if (parentId === 0n || db.comment.id.find(parentId) !== null) return;
  const saved = db.deletedComment.commentId.find(parentId);
  if (saved === null) return;
  rebuildThreadAbove(db, saved.parentId, onPost);
  db.comment.insert({
    id: saved.commentId,
    postId: saved.postId,
    ...postAudience(onPost),
    parentId: saved.parentId,
    authorId: saved.authorId,
    text: '',
    createdAt: saved.createdAt,
    editedAt: saved.editedAt,
    deletedAt: saved.deletedAt,
  });
}
