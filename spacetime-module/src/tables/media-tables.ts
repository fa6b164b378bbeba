// Media the API stored and registered (images and audio); posts, profiles and
// sounds refer to it by id.
import { t, table } from 'spacetimedb/server';

export const media = table(
  { name: 'media' },
  {
    mediaId: t.string().primaryKey(),
    /** The API user id of the uploader. */
    ownerUserId: t.string().index('btree'),
    kind: t.string(),
    contentType: t.string(),
    byteSize: t.u64(),
    width: t.u32(),
    height: t.u32(),
    durationMs: t.u32(),
    /** A blurhash for images, empty for audio. */
    placeholder: t.string(),
    url: t.string(),
    thumbnailUrl: t.string(),
    registeredAt: t.timestamp(),
  },
);
