// Notifications, grouped while unread ("Ana and 3 others liked your post").
import { t, table } from 'spacetimedb/server';

export const notification = table(
  {
    name: 'notification',
    indexes: [{ accessor: 'group', algorithm: 'btree', columns: ['recipientId', 'groupKey'] }],
  },
  {
    id: t.u64().primaryKey().autoInc(),
    recipientId: t.identity().index('btree'),
    /** friend_request, friend_accepted, comment, reply, reaction or mention. */
    kind: t.string(),
    /** Events with the same key join one unread notification, e.g. `reaction:post:7`. */
    groupKey: t.string(),
    /** The most recent actors first, at most a few; `actorCount` counts them all. */
    actorIds: t.array(t.identity()),
    actorCount: t.u32(),
    /** The post concerned, or 0. */
    postId: t.u64().index('btree'),
    /** The comment concerned, or 0. */
    commentId: t.u64(),
    createdAt: t.timestamp(),
    updatedAt: t.timestamp(),
    read: t.bool(),
  },
);
