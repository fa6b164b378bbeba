// Deleting a comment while keeping its thread readable.
import type { Comment, Timestamp, WriteDb } from '../context';
import { forgetComment } from './notifications';
import { removeReactionsOn } from './reaction-removal';
import { countCommentReply, countPostComment } from './tallies';

/**
 * Deletes a comment. One with replies becomes an empty tombstone so that the
 * replies keep their place; one without goes, and so does a tombstone parent
 * it leaves without replies. It keeps no text: when the author deletes their
 * own comment, the caller saves it first (saveDeletedComment) for a restore.
 */
export function deleteCommentInThread(db: WriteDb, target: Comment, now: Timestamp): void {
  if (target.deletedAt === undefined) {
    countPostComment(db, target.postId, -1);
    if (target.parentId !== 0n) countCommentReply(db, target.parentId, -1);
    removeReactionsOn(db, target.postId, target.id);
    forgetComment(db, target);
  }
  if (hasReplies(db, target.id)) {
    if (target.deletedAt === undefined) {
      db.comment.id.update({ ...target, text: '', deletedAt: now });
    }
    return;
  }
  db.comment.id.delete(target.id);
  db.commentStats.commentId.delete(target.id);
  if (target.parentId === 0n) return;
  const parent = db.comment.id.find(target.parentId);
  if (parent !== null && parent.deletedAt !== undefined && !hasReplies(db, parent.id)) {
    deleteCommentInThread(db, parent, now);
  }
}

function hasReplies(db: WriteDb, commentId: bigint): boolean {
  return !db.comment.parentId.filter(commentId).next().done;
}
