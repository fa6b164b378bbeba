// Live counts on posts and comments, changed with each reaction and comment.
import { REACTION_KINDS, type ReactionKind } from '@kith/shared/reactions';
import type { WriteDb } from '../context';

export type ReactionTally = Readonly<Record<ReactionKind, number> & { reactions: number }>;

export function emptyTally(): ReactionTally {
  const tally: Record<string, number> = { reactions: 0 };
  for (const kind of REACTION_KINDS) tally[kind] = 0;
  return tally as ReactionTally;
}

function adjusted<T extends ReactionTally>(row: T, kind: ReactionKind, delta: 1 | -1): T {
  return {
    ...row,
    reactions: Math.max(0, row.reactions + delta),
    [kind]: Math.max(0, row[kind] + delta),
  };
}

export function countPostReaction(db: WriteDb, postId: bigint, kind: ReactionKind, delta: 1 | -1) {
  const stats = db.postStats.postId.find(postId);
  if (stats !== null) db.postStats.postId.update(adjusted(stats, kind, delta));
}

export function countCommentReaction(
  db: WriteDb,
  commentId: bigint,
  kind: ReactionKind,
  delta: 1 | -1,
) {
  const stats = db.commentStats.commentId.find(commentId);
  if (stats !== null) db.commentStats.commentId.update(adjusted(stats, kind, delta));
}

export function countPostComment(db: WriteDb, postId: bigint, delta: 1 | -1): void {
  const stats = db.postStats.postId.find(postId);
  if (stats !== null) {
    db.postStats.postId.update({ ...stats, comments: Math.max(0, stats.comments + delta) });
  }
}

export function countCommentReply(db: WriteDb, commentId: bigint, delta: 1 | -1): void {
  const stats = db.commentStats.commentId.find(commentId);
  if (stats !== null) {
    db.commentStats.commentId.update({ ...stats, replies: Math.max(0, stats.replies + delta) });
  }
}
