// Your notifications.
import { t } from 'spacetimedb/server';
import spacetimedb from '../schema';
import { notification } from '../tables/notification-tables';
import { forMember } from './viewer';

export const myNotification = spacetimedb.view(
  { name: 'my_notification', public: true },
  t.array(notification.rowType),
  (ctx) => forMember(ctx, (me) => [...ctx.db.notification.recipientId.filter(me.identity)]),
);
