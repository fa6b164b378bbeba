// Posts, their earlier versions, their live counts, and purges of deleted ones.
import { t, table } from 'spacetimedb/server';
import { postAudienceColumns } from './post-audience-columns';
import { reactionTallyColumns } from './reaction-tally-columns';

export const post = table(
  { name: 'post' },
  {
    id: t.u64().primaryKey().autoInc(),
    authorId: t.identity().index('btree'),
    /** As written; clients tokenize it (shared/tokenizer) and never render it as HTML. */
    text: t.string(),
    mediaIds: t.array(t.string()),
    /** What the author chose: `public` (every member) or `friends`. */
    visibility: t.string(),
    /**
     * Who sees it now: the visibility, or `hidden` while deleted. Indexed so
     * that views read every public post as one key.
     */
    audience: t.string().index('btree'),
    createdAt: t.timestamp(),
    editedAt: t.option(t.timestamp()),
    /** Set while deleted and restorable; only the author sees the post then. */
    deletedAt: t.option(t.timestamp()),
  },
);

/** A post as it was before an edit. */
export const postRevision = table(
  { name: 'post_revision' },
  {
    id: t.u64().primaryKey().autoInc(),
    postId: t.u64().index('btree'),
    text: t.string(),
    mediaIds: t.array(t.string()),
    /** When this version was replaced by the next one. */
    replacedAt: t.timestamp(),
  },
);

export const postStats = table(
  { name: 'post_stats' },
  {
    postId: t.u64().primaryKey(),
    ...postAudienceColumns(),
    comments: t.u32(),
    ...reactionTallyColumns(),
  },
);

/** The media a post shows, one row each, so views and removals find them by index. */
export const postMedia = table(
  { name: 'post_media' },
  {
    id: t.u64().primaryKey().autoInc(),
    postId: t.u64().index('btree'),
    mediaId: t.string().index('btree'),
    ...postAudienceColumns(),
  },
);

/** Deletes a soft-deleted post for good once its restore period is over. */
export const postPurge = table(
  { name: 'post_purge' },
  {
    scheduledId: t.u64().primaryKey().autoInc(),
    scheduledAt: t.scheduleAt(),
    postId: t.u64().index('btree'),
  },
);
