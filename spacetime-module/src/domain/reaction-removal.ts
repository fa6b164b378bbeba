// Taking reactions away, keeping the counts in step.
import { isReactionKind } from '@kith/shared/reactions';
import type { WriteDb } from '../context';
import { countCommentReaction, countPostReaction } from './tallies';

type ReactionRow = NonNullable<ReturnType<WriteDb['reaction']['id']['find']>>;

export function removeReaction(db: WriteDb, row: ReactionRow): void {
  db.reaction.id.delete(row.id);
  if (!isReactionKind(row.kind)) return;
  if (row.commentId === 0n) countPostReaction(db, row.postId, row.kind, -1);
  else countCommentReaction(db, row.commentId, row.kind, -1);
}

/** Every reaction on one comment (`commentId` > 0) or on the post itself (0). */
export function removeReactionsOn(db: WriteDb, postId: bigint, commentId: bigint): void {
  for (const row of [...db.reaction.target.filter([postId, commentId])]) removeReaction(db, row);
}
