// Threaded comments on posts and their live counts.
import { t, table } from 'spacetimedb/server';
import { postAudienceColumns } from './post-audience-columns';
import { reactionTallyColumns } from './reaction-tally-columns';

export const comment = table(
  { name: 'comment' },
  {
    id: t.u64().primaryKey().autoInc(),
    postId: t.u64().index('btree'),
    ...postAudienceColumns(),
    /** The comment this one replies to; 0 for a comment on the post itself. */
    parentId: t.u64().index('btree'),
    authorId: t.identity().index('btree'),
    text: t.string(),
    createdAt: t.timestamp(),
    editedAt: t.option(t.timestamp()),
    /** A deleted comment with replies stays as an empty tombstone so the thread keeps its shape. */
    deletedAt: t.option(t.timestamp()),
  },
);

export const commentStats = table(
  { name: 'comment_stats' },
  {
    commentId: t.u64().primaryKey(),
    postId: t.u64().index('btree'),
    ...postAudienceColumns(),
    /** The comment's author. */
    authorId: t.identity(),
    replies: t.u32(),
    ...reactionTallyColumns(),
  },
);

/**
 * The text of a comment its author deleted, kept for them alone to restore it
 * within the restore period. The comment itself is a textless tombstone while
 * replies hang from it, or gone; only the author's own view reads this table.
 */
export const deletedComment = table(
  { name: 'deleted_comment' },
  {
    commentId: t.u64().primaryKey(),
    postId: t.u64().index('btree'),
    parentId: t.u64(),
    authorId: t.identity().index('btree'),
    text: t.string(),
    createdAt: t.timestamp(),
    editedAt: t.option(t.timestamp()),
    deletedAt: t.timestamp(),
  },
);

/** Forgets a deleted comment's saved text once its restore period is over. */
export const commentPurge = table(
  { name: 'comment_purge' },
  {
    scheduledId: t.u64().primaryKey().autoInc(),
    scheduledAt: t.scheduleAt(),
    commentId: t.u64().index('btree'),
  },
);
