// Reactions: one per person per post or comment, changeable; each keeps the
// live counts of its target in step.
import { isReactionKind, REACTION_KINDS, type ReactionKind } from '@kith/shared/reactions';
import { SenderError, t } from 'spacetimedb/server';
import { requireMember, requireUnmutedMember } from '../auth/member';
import type { Identity, Post, ReducerContext } from '../context';
import { postAudience } from '../domain/audience';
import { requireVisibleComment, requireVisiblePost } from '../domain/lookups';
import { groupKeys, type NotificationEvent, notify, retract } from '../domain/notifications';
import { takeToken } from '../domain/rate-limits';
import { removeReaction } from '../domain/reaction-removal';
import { countCommentReaction, countPostReaction } from '../domain/tallies';
import spacetimedb from '../schema';

export const reactToPost = spacetimedb.reducer(
  { postId: t.u64(), kind: t.string() },
  (ctx, { postId, kind }) => {
    requireUnmutedMember(ctx);
    const onPost = requireVisiblePost(ctx.db, ctx.sender, postId);
    react(ctx, onPost, 0n, onPost.authorId, requireKind(kind), {
      recipientId: onPost.authorId,
      actorId: ctx.sender,
      kind: 'reaction',
      groupKey: groupKeys.reactionOnPost(postId),
      postId,
    });
  },
);

export const removePostReaction = spacetimedb.reducer({ postId: t.u64() }, (ctx, { postId }) => {
  requireMember(ctx);
  const onPost = requireVisiblePost(ctx.db, ctx.sender, postId);
  if (unreact(ctx, postId, 0n)) {
    retract(ctx.db, onPost.authorId, groupKeys.reactionOnPost(postId), ctx.sender);
  }
});

export const reactToComment = spacetimedb.reducer(
  { commentId: t.u64(), kind: t.string() },
  (ctx, { commentId, kind }) => {
    requireUnmutedMember(ctx);
    const target = requireVisibleComment(ctx.db, ctx.sender, commentId);
    const onPost = requireVisiblePost(ctx.db, ctx.sender, target.postId);
    react(ctx, onPost, commentId, target.authorId, requireKind(kind), {
      recipientId: target.authorId,
      actorId: ctx.sender,
      kind: 'reaction',
      groupKey: groupKeys.reactionOnComment(commentId),
      postId: target.postId,
      commentId,
    });
  },
);

export const removeCommentReaction = spacetimedb.reducer(
  { commentId: t.u64() },
  (ctx, { commentId }) => {
    requireMember(ctx);
    const target = requireVisibleComment(ctx.db, ctx.sender, commentId);
    if (unreact(ctx, target.postId, commentId)) {
      retract(ctx.db, target.authorId, groupKeys.reactionOnComment(commentId), ctx.sender);
    }
  },
);

function requireKind(kind: string): ReactionKind {
  if (!isReactionKind(kind)) {
    throw new SenderError(`A reaction is one of ${REACTION_KINDS.join(', ')}; got "${kind}".`);
  }
  return kind;
}

function count(
  ctx: ReducerContext,
  commentId: bigint,
  postId: bigint,
  kind: ReactionKind,
  delta: 1 | -1,
) {
  if (commentId === 0n) countPostReaction(ctx.db, postId, kind, delta);
  else countCommentReaction(ctx.db, commentId, kind, delta);
}

/** Adds the sender's reaction or changes its kind; the same kind again changes nothing. */
function react(
  ctx: ReducerContext,
  onPost: Post,
  commentId: bigint,
  targetAuthorId: Identity,
  kind: ReactionKind,
  event: NotificationEvent,
): void {
  const postId = onPost.id;
  const existing = ctx.db.reaction.reactorTarget
    .filter([ctx.sender, postId, commentId])
    .next().value;
  if (existing !== undefined && existing.kind === kind) return;
  takeToken(ctx, 'reaction');
  if (existing === undefined) {
    ctx.db.reaction.insert({
      id: 0n,
      postId,
      commentId,
      ...postAudience(onPost),
      targetAuthorId,
      reactorId: ctx.sender,
      kind,
      createdAt: ctx.timestamp,
    });
  } else {
    ctx.db.reaction.id.update({ ...existing, kind });
    if (isReactionKind(existing.kind)) count(ctx, commentId, postId, existing.kind, -1);
  }
  count(ctx, commentId, postId, kind, 1);
  notify(ctx.db, event, ctx.timestamp);
}

/** Removes the sender's reaction; false when there was none. */
function unreact(ctx: ReducerContext, postId: bigint, commentId: bigint): boolean {
  const existing = ctx.db.reaction.reactorTarget
    .filter([ctx.sender, postId, commentId])
    .next().value;
  if (existing === undefined) return false;
  removeReaction(ctx.db, existing);
  return true;
}
