// Media you may load: what the posts, profiles and sounds you see use, your
// own uploads, and for admins what their queues show.
import { t } from 'spacetimedb/server';
import { isAdmin } from '../auth/admin';
import type { Media, ReadDb } from '../context';
import { soundsVisibleTo } from '../domain/sound-visibility';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { media } from '../tables/media-tables';
import { forMember } from './viewer';

export const visibleMedia = spacetimedb.view(
  { name: 'visible_media', public: true },
  t.array(media.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const ids = new Set<string>();
      const visible = new VisibleContent(ctx.db, me.identity);
      const shown = visible.hangingOff(
        (author) => ctx.db.postMedia.postAuthorId.filter(author),
        (audience) => ctx.db.postMedia.audience.filter(audience),
      );
      for (const row of shown) ids.add(row.mediaId);
      for (const row of visible.accounts()) {
        if (row.avatarMediaId !== undefined) ids.add(row.avatarMediaId);
        if (row.bannerMediaId !== undefined) ids.add(row.bannerMediaId);
      }
      for (const row of soundsVisibleTo(ctx.db, me)) ids.add(row.mediaId);
      if (isAdmin(ctx.db, me.identity)) for (const id of adminQueueMedia(ctx.db)) ids.add(id);
      const out = new Map<string, Media>();
      for (const id of ids) {
        const found = ctx.db.media.mediaId.find(id);
        if (found !== null) out.set(id, found);
      }
      for (const row of ctx.db.media.ownerUserId.filter(me.userId)) out.set(row.mediaId, row);
      return [...out.values()];
    }),
);

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
