// Deleting a post for good, with everything that hangs off it.
import type { Post, WriteDb } from '../context';
import { forgetDeletedCommentsOn } from './deleted-comments';

export function purgePost(db: WriteDb, target: Post): void {
  const postId = target.id;
  for (const row of [...db.comment.postId.filter(postId)]) db.comment.id.delete(row.id);
  for (const row of [...db.commentStats.postId.filter(postId)]) {
    db.commentStats.commentId.delete(row.commentId);
  }
  forgetDeletedCommentsOn(db, postId);
  for (const row of [...db.reaction.postId.filter(postId)]) db.reaction.id.delete(row.id);
  for (const row of [...db.postRevision.postId.filter(postId)]) db.postRevision.id.delete(row.id);
  for (const row of [...db.postMedia.postId.filter(postId)]) db.postMedia.id.delete(row.id);
  for (const row of [...db.notification.postId.filter(postId)]) db.notification.id.delete(row.id);
  for (const row of [...db.typing.postId.filter(postId)]) db.typing.identity.delete(row.identity);
  for (const row of [...db.postPurge.postId.filter(postId)]) {
    db.postPurge.scheduledId.delete(row.scheduledId);
  }
  db.postStats.postId.delete(postId);
  const author = db.account.identity.find(target.authorId);
  if (author !== null && author.pinnedPostId === postId) {
    db.account.identity.update({ ...author, pinnedPostId: undefined });
  }
  db.post.id.delete(postId);
}
