// The media registry: the API registers what it stored and removes what it
// deleted. Both are idempotent, because the API retries from an outbox.
import { SenderError, t } from 'spacetimedb/server';
import { requireService } from '../auth/service';
import type { ReducerContext } from '../context';
import { syncPostMedia } from '../domain/audience';
import { requireHttpUrl, requireLength, requireOneOf } from '../domain/validation';
import spacetimedb from '../schema';

const MEDIA_KINDS = ['image', 'audio'] as const;
const MEDIA_ID = /^[A-Za-z0-9_-]{1,100}$/;

export const registerMedia = spacetimedb.reducer(
  {
    mediaId: t.string(),
    ownerUserId: t.string(),
    kind: t.string(),
    contentType: t.string(),
    byteSize: t.u64(),
    width: t.u32(),
    height: t.u32(),
    durationMs: t.u32(),
    placeholder: t.string(),
    url: t.string(),
    thumbnailUrl: t.string(),
  },
  (ctx, media) => {
    requireService(ctx);
    const existing = ctx.db.media.mediaId.find(media.mediaId);
    if (existing !== null) {
      if (existing.ownerUserId !== media.ownerUserId) {
        throw new SenderError(`Media ${media.mediaId} is already registered to another user.`);
      }
      return;
    }
    if (!MEDIA_ID.test(media.mediaId)) {
      throw new SenderError('media_id must be 1–100 of A-Z, a-z, 0-9, _ and -.');
    }
    requireLength(media.ownerUserId, 'owner_user_id', 1, 128);
    const kind = requireOneOf(media.kind, MEDIA_KINDS, 'kind');
    requireLength(media.contentType, 'content_type', 1, 100);
    if (!media.contentType.startsWith(`${kind}/`)) {
      throw new SenderError(`content_type ${media.contentType} does not fit kind ${kind}.`);
    }
    if (media.byteSize === 0n) throw new SenderError('byte_size must be more than 0.');
    requireHttpUrl(media.url, 'url');
    if (kind === 'image') {
      if (media.width === 0 || media.height === 0) {
        throw new SenderError('An image needs its width and height.');
      }
      if (media.durationMs !== 0) throw new SenderError('An image has duration_ms 0.');
      requireLength(media.placeholder, 'placeholder (the blurhash)', 1, 200);
      requireHttpUrl(media.thumbnailUrl, 'thumbnail_url');
    } else {
      if (media.width !== 0 || media.height !== 0) {
        throw new SenderError('Audio has width and height 0.');
      }
      if (media.durationMs === 0) throw new SenderError('Audio needs its duration_ms.');
      if (media.placeholder !== '' || media.thumbnailUrl !== '') {
        throw new SenderError('Audio has no placeholder and no thumbnail_url.');
      }
    }
    ctx.db.media.insert({ ...media, kind, registeredAt: ctx.timestamp });
  },
);

export const removeMedia = spacetimedb.reducer({ mediaId: t.string() }, (ctx, { mediaId }) => {
  requireService(ctx);
  const existing = ctx.db.media.mediaId.find(mediaId);
  if (existing === null) return;
  forgetMediaUses(ctx, mediaId, existing.ownerUserId);
  ctx.db.media.mediaId.delete(mediaId);
});

/** Media is only ever used by its owner: their posts, profile and sounds. */
function forgetMediaUses(ctx: ReducerContext, mediaId: string, ownerUserId: string): void {
  const owner = ctx.db.account.userId.find(ownerUserId);
  if (owner === null) return;
  for (const use of [...ctx.db.postMedia.mediaId.filter(mediaId)]) {
    const row = ctx.db.post.id.find(use.postId);
    if (row === null) continue;
    const updated = { ...row, mediaIds: row.mediaIds.filter((id) => id !== mediaId) };
    syncPostMedia(ctx.db, ctx.db.post.id.update(updated));
  }
  if (owner.avatarMediaId === mediaId || owner.bannerMediaId === mediaId) {
    ctx.db.account.identity.update({
      ...owner,
      avatarMediaId: owner.avatarMediaId === mediaId ? undefined : owner.avatarMediaId,
      bannerMediaId: owner.bannerMediaId === mediaId ? undefined : owner.bannerMediaId,
    });
  }
  ctx.db.sound.mediaId.delete(mediaId);
}
