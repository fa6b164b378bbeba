// Posts: create, edit (earlier versions kept), change who sees them, delete
// and restore within the restore period, pin one to the profile.
import { POST_RESTORE_DAYS } from '@kith/shared/limits';
import { ScheduleAt, SenderError, t } from 'spacetimedb/server';
import { requireMember, requireUnmutedMember } from '../auth/member';
import { syncPostMedia, updatePostAudience } from '../domain/audience';
import { sameIdentity } from '../domain/identities';
import { requireOwnPost } from '../domain/lookups';
import { notifyMentions } from '../domain/mentions';
import { groupKeys } from '../domain/notifications';
import { requirePostContent } from '../domain/post-content';
import { purgePost } from '../domain/post-removal';
import { takeToken } from '../domain/rate-limits';
import { isBefore, secondsAfter } from '../domain/time';
import { requireOneOf } from '../domain/validation';
import { POST_VISIBILITIES } from '../domain/visibility';
import spacetimedb from '../schema';
import { postPurge } from '../tables/post-tables';

const RESTORE_SECONDS = POST_RESTORE_DAYS * 24 * 60 * 60;

export const createPost = spacetimedb.reducer(
  { text: t.string(), mediaIds: t.array(t.string()), visibility: t.string() },
  (ctx, { text, mediaIds, visibility }) => {
    const me = requireUnmutedMember(ctx);
    requirePostContent(ctx.db, me, text, mediaIds);
    const audience = requireOneOf(visibility, POST_VISIBILITIES, 'Visibility');
    takeToken(ctx, 'post');
    const created = ctx.db.post.insert({
      id: 0n,
      authorId: ctx.sender,
      text,
      mediaIds,
      visibility: audience,
      audience,
      createdAt: ctx.timestamp,
      editedAt: undefined,
      deletedAt: undefined,
    });
    syncPostMedia(ctx.db, created);
    notifyMentions(
      ctx.db,
      { text, actorId: ctx.sender, post: created, groupKey: groupKeys.mentionInPost(created.id) },
      ctx.timestamp,
    );
  },
);

export const editPost = spacetimedb.reducer(
  { postId: t.u64(), text: t.string(), mediaIds: t.array(t.string()) },
  (ctx, { postId, text, mediaIds }) => {
    const me = requireUnmutedMember(ctx);
    const current = requireOwnPost(ctx.db, ctx.sender, postId);
    if (current.deletedAt !== undefined) throw new SenderError('Restore the post to edit it.');
    requirePostContent(ctx.db, me, text, mediaIds);
    const unchanged =
      current.text === text &&
      current.mediaIds.length === mediaIds.length &&
      current.mediaIds.every((id, i) => id === mediaIds[i]);
    if (unchanged) return;
    takeToken(ctx, 'post');
    ctx.db.postRevision.insert({
      id: 0n,
      postId,
      text: current.text,
      mediaIds: current.mediaIds,
      replacedAt: ctx.timestamp,
    });
    const edited = ctx.db.post.id.update({ ...current, text, mediaIds, editedAt: ctx.timestamp });
    syncPostMedia(ctx.db, edited);
    notifyMentions(
      ctx.db,
      {
        text,
        previousText: current.text,
        actorId: ctx.sender,
        post: edited,
        groupKey: groupKeys.mentionInPost(postId),
      },
      ctx.timestamp,
    );
  },
);

export const setPostVisibility = spacetimedb.reducer(
  { postId: t.u64(), visibility: t.string() },
  (ctx, { postId, visibility }) => {
    requireMember(ctx);
    const current = requireOwnPost(ctx.db, ctx.sender, postId);
    const audience = requireOneOf(visibility, POST_VISIBILITIES, 'Visibility');
    if (current.visibility === audience) return;
    // Narrowing to friends takes the post down for others, which a muted
    // member may still do; widening it to everyone is adding content.
    if (audience === 'public') requireUnmutedMember(ctx);
    updatePostAudience(ctx.db, { ...current, visibility: audience });
  },
);

/** Hides the post from everyone but its author, who can restore it for a while. */
export const deletePost = spacetimedb.reducer({ postId: t.u64() }, (ctx, { postId }) => {
  const me = requireMember(ctx);
  const current = requireOwnPost(ctx.db, ctx.sender, postId);
  if (current.deletedAt !== undefined) throw new SenderError('This post is already deleted.');
  updatePostAudience(ctx.db, { ...current, deletedAt: ctx.timestamp });
  for (const row of [...ctx.db.typing.postId.filter(postId)]) {
    ctx.db.typing.identity.delete(row.identity);
  }
  if (me.pinnedPostId === postId) {
    ctx.db.account.identity.update({ ...me, pinnedPostId: undefined });
  }
  const purgeAt = secondsAfter(ctx.timestamp, RESTORE_SECONDS);
  ctx.db.postPurge.insert({
    scheduledId: 0n,
    scheduledAt: ScheduleAt.time(purgeAt.microsSinceUnixEpoch),
    postId,
  });
});

export const restorePost = spacetimedb.reducer({ postId: t.u64() }, (ctx, { postId }) => {
  requireUnmutedMember(ctx);
  const current = requireOwnPost(ctx.db, ctx.sender, postId);
  if (current.deletedAt === undefined) throw new SenderError('This post is not deleted.');
  const restorableUntil = secondsAfter(current.deletedAt, RESTORE_SECONDS);
  if (!isBefore(ctx.timestamp, restorableUntil)) {
    throw new SenderError(`Posts can be restored for ${POST_RESTORE_DAYS} days after deletion.`);
  }
  for (const row of [...ctx.db.postPurge.postId.filter(postId)]) {
    ctx.db.postPurge.scheduledId.delete(row.scheduledId);
  }
  updatePostAudience(ctx.db, { ...current, deletedAt: undefined });
});

/** Run by the scheduler when a deleted post's restore period is over. */
export const purgeDeletedPost = spacetimedb.reducer(
  { onSchedule: postPurge },
  { purge: postPurge.rowType },
  (ctx, { purge }) => {
    if (!sameIdentity(ctx.sender, ctx.databaseIdentity)) {
      throw new SenderError('Only the scheduler purges deleted posts.');
    }
    const target = ctx.db.post.id.find(purge.postId);
    if (target !== null && target.deletedAt !== undefined) purgePost(ctx.db, target);
  },
);

/**
 * Puts the post at the top of the profile. Refused while muted: it adds
 * nothing new, but features a post to everyone who opens the profile.
 * Pinning and unpinning rewrite the account row, so they take 'profile' tokens.
 */
export const pinPost = spacetimedb.reducer({ postId: t.u64() }, (ctx, { postId }) => {
  const me = requireUnmutedMember(ctx);
  const current = requireOwnPost(ctx.db, ctx.sender, postId);
  if (current.deletedAt !== undefined) throw new SenderError('A deleted post cannot be pinned.');
  if (me.pinnedPostId === postId) return;
  takeToken(ctx, 'profile');
  ctx.db.account.identity.update({ ...me, pinnedPostId: postId });
});

/** Allowed while muted: it takes a post off the top of the profile. */
export const unpinPost = spacetimedb.reducer((ctx) => {
  const me = requireMember(ctx);
  if (me.pinnedPostId === undefined) return;
  takeToken(ctx, 'profile');
  ctx.db.account.identity.update({ ...me, pinnedPostId: undefined });
});
