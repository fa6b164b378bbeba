// Your notifications, minus those about a post you can no longer see (deleted
// and awaiting purge, turned friends-only after an unfriend, or behind a
// block): they would lead to a post that is not there, and come back if it
// does (a restore).
import { t } from 'spacetimedb/server';
import type { Identity, ReadDb } from '../context';
import { canSeePost } from '../domain/visibility';
import spacetimedb from '../schema';
import { notification } from '../tables/notification-tables';
import { forMember } from './viewer';

export const myNotification = spacetimedb.view(
  { name: 'my_notification', public: true },
  t.array(notification.rowType),
  (ctx) => forMember(ctx, (me) => notificationsFor(ctx.db, me.identity)),
);

function notificationsFor(db: ReadDb, recipient: Identity) {
  return [...db.notification.recipientId.filter(recipient)].filter((row) => {
    if (row.postId === 0n) return true;
    const post = db.post.id.find(row.postId);
    return post !== null && canSeePost(db, recipient, post);
  });
}
