// Marking notifications read.
import { SenderError, t } from 'spacetimedb/server';
import { requireMember } from '../auth/member';
import { sameIdentity } from '../domain/identities';
import spacetimedb from '../schema';

export const markNotificationRead = spacetimedb.reducer(
  { notificationId: t.u64() },
  (ctx, { notificationId }) => {
    requireMember(ctx);
    const row = ctx.db.notification.id.find(notificationId);
    if (row === null || !sameIdentity(row.recipientId, ctx.sender)) {
      throw new SenderError(`You have no notification ${notificationId}.`);
    }
    if (!row.read) ctx.db.notification.id.update({ ...row, read: true });
  },
);

export const markAllNotificationsRead = spacetimedb.reducer((ctx) => {
  requireMember(ctx);
  for (const row of [...ctx.db.notification.recipientId.filter(ctx.sender)]) {
    if (!row.read) ctx.db.notification.id.update({ ...row, read: true });
  }
});
