// Live counts on posts and comments, changed with each reaction and comment.
// A count row appears with a target's first comment or reaction (none means
// all zero), so that a new post or comment touches no reader's count view.
import { REACTION_KINDS, type ReactionKind } from '@kith/shared/reactions';
import type { WriteDb } from '../context';
import { postAudience } from './audience';

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

type PostStatsRow = NonNullable<ReturnType<WriteDb['postStats']['postId']['find']>>;
type CommentStatsRow = NonNullable<ReturnType<WriteDb['commentStats']['commentId']['find']>>;

/** Rewrites the post's counts with `change`, creating them at zero first. */
function changePostStats(db: WriteDb, postId: bigint, change: (row: PostStatsRow) => PostStatsRow) {
  const existing = db.postStats.postId.find(postId);
  if (existing !== null) {
    db.postStats.postId.update(change(existing));
    return;
  }
  const onPost = db.post.id.find(postId);
  if (onPost === null) return;
  db.postStats.insert(change({ postId, ...postAudience(onPost), comments: 0, ...emptyTally() }));
}

/** Rewrites the comment's counts with `change`, creating them at zero first. */
function changeCommentStats(
  db: WriteDb,
  commentId: bigint,
  change: (row: CommentStatsRow) => CommentStatsRow,
) {
  const existing = db.commentStats.commentId.find(commentId);
  if (existing !== null) {
    db.commentStats.commentId.update(change(existing));
    return;
  }
  const target = db.comment.id.find(commentId);
  if (target === null) return;
  db.commentStats.insert(
    change({
      commentId,
      postId: target.postId,
      postAuthorId: target.postAuthorId,
      audience: target.audience,
      authorId: target.authorId,
      replies: 0,
      ...emptyTally(),
    }),
  );
}

export function countPostReaction(db: WriteDb, postId: bigint, kind: ReactionKind, delta: 1 | -1) {
  changePostStats(db, postId, (row) => adjusted(row, kind, delta));
}

export function countCommentReaction(
  db: WriteDb,
  commentId: bigint,
  kind: ReactionKind,
  delta: 1 | -1,
) {
  changeCommentStats(db, commentId, (row) => adjusted(row, kind, delta));
}

export function countPostComment(db: WriteDb, postId: bigint, delta: 1 | -1): void {
  changePostStats(db, postId, (row) => ({ ...row, comments: Math.max(0, row.comments + delta) }));
}

export function countCommentReply(db: WriteDb, commentId: bigint, delta: 1 | -1): void {
  changeCommentStats(db, commentId, (row) => ({
    ...row,
    replies: Math.max(0, row.replies + delta),
  }));
}
