// A post's audience, copied onto every row that hangs off it (its counts,
// comments, comment counts, reactions and media), and kept in step when the
// post changes visibility, is deleted or restored.
import type { Post, WriteDb } from '../context';

export type Audience = 'public' | 'friends' | 'hidden';

/** The audience a post has given its visibility and whether it is deleted. */
export function audienceOf(target: Pick<Post, 'visibility' | 'deletedAt'>): Audience {
  if (target.deletedAt !== undefined) return 'hidden';
  return target.visibility === 'public' ? 'public' : 'friends';
}

/** The columns every row hanging off `target` carries. */
export function postAudience(target: Post): { postAuthorId: Post['authorId']; audience: Audience } {
  return { postAuthorId: target.authorId, audience: audienceOf(target) };
}

/**
 * Writes `next` (the post after a change of visibility, a delete or a
 * restore) with its audience, and the same audience on everything hanging
 * off it.
 */
export function updatePostAudience(db: WriteDb, next: Post): Post {
  const audience = audienceOf(next);
  const target = db.post.id.update({ ...next, audience });
  const stats = db.postStats.postId.find(target.id);
  if (stats !== null && stats.audience !== audience) {
    db.postStats.postId.update({ ...stats, audience });
  }
  for (const row of [...db.comment.postId.filter(target.id)]) {
    if (row.audience !== audience) db.comment.id.update({ ...row, audience });
  }
  for (const row of [...db.commentStats.postId.filter(target.id)]) {
    if (row.audience !== audience) db.commentStats.commentId.update({ ...row, audience });
  }
  for (const row of [...db.reaction.postId.filter(target.id)]) {
    if (row.audience !== audience) db.reaction.id.update({ ...row, audience });
  }
  for (const row of [...db.postMedia.postId.filter(target.id)]) {
    if (row.audience !== audience) db.postMedia.id.update({ ...row, audience });
  }
  return target;
}

/** Replaces the media rows of `target` with its current media ids. */
export function syncPostMedia(db: WriteDb, target: Post): void {
  for (const row of [...db.postMedia.postId.filter(target.id)]) db.postMedia.id.delete(row.id);
  for (const mediaId of target.mediaIds) {
    db.postMedia.insert({ id: 0n, postId: target.id, mediaId, ...postAudience(target) });
  }
}
