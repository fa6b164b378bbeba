// Media you may load: that of public posts (as posts: minus people in a block
// with you), and everything else you see: your friends' and your own
// non-public posts, the avatars and banners of visible members, sounds you may
// play, your own uploads, and for admins what their queues show.
import { t } from 'spacetimedb/server';
import { isAdmin } from '../auth/admin';
import type { Account, Media, ReadDb } from '../context';
import { soundsVisibleTo } from '../domain/sound-visibility';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { media } from '../tables/media-tables';
import { queryUnlessBlocked } from './view-answers';
import { forMember } from './viewer';

export const publicMedia = spacetimedb.view(
  { name: 'public_media', public: true },
  t.array(media.rowType),
  (ctx) =>
    queryUnlessBlocked(
      ctx,
      () =>
        ctx.from.postMedia
          .where((row) => row.audience.eq('public'))
          .rightSemijoin(ctx.from.media, (use, item) => use.mediaId.eq(item.mediaId)),
      (visible) =>
        mediaRows(
          ctx.db,
          visible
            .publicRows(
              (audience) => ctx.db.postMedia.audience.filter(audience),
              (row) => row.postAuthorId,
            )
            .map((row) => row.mediaId),
        ),
    ),
);

export const visibleMedia = spacetimedb.view(
  { name: 'visible_media', public: true },
  t.array(media.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      const byAuthor = (author: Account['identity']) =>
        ctx.db.postMedia.postAuthorId.filter(author);
      const ids = [...visible.friendRows(byAuthor), ...visible.ownRows(byAuthor)].map(
        (row) => row.mediaId,
      );
      for (const row of visible.accounts()) {
        if (row.avatarMediaId !== undefined) ids.push(row.avatarMediaId);
        if (row.bannerMediaId !== undefined) ids.push(row.bannerMediaId);
      }
      for (const row of soundsVisibleTo(ctx.db, me)) ids.push(row.mediaId);
      if (isAdmin(ctx.db, me.identity)) ids.push(...adminQueueMedia(ctx.db));
      const own = [...ctx.db.media.ownerUserId.filter(me.userId)];
      const ownIds = new Set(own.map((row) => row.mediaId));
      return [
        ...own,
        ...mediaRows(
          ctx.db,
          ids.filter((id) => !ownIds.has(id)),
        ),
      ];
    }),
);

/** The registry rows of `ids`, each once. */
function mediaRows(db: ReadDb, ids: readonly string[]): Media[] {
  const out: Media[] = [];
  for (const id of new Set(ids)) {
    const found = db.media.mediaId.find(id);
    if (found !== null) out.push(found);
  }
  return out;
}

/** Clips of sounds awaiting review and media of reported posts. */
function adminQueueMedia(db: ReadDb): string[] {
  const ids = [...db.sound.status.filter('pending')].map((row) => row.mediaId);
  for (const row of db.report.status.filter('open')) {
    if (row.targetKind !== 'post') continue;
    const found = db.post.id.find(BigInt(row.targetId));
    if (found !== null) ids.push(...found.mediaIds);
  }
  return ids;
}
