// Names for the types reducers, views and domain helpers pass around.
import type { Infer, ReducerCtx, ViewCtx } from 'spacetimedb/server';
import type { KithSchema } from './schema';
import type { account } from './tables/account-tables';
import type { comment } from './tables/comment-tables';
import type { friendship } from './tables/friend-tables';
import type { media } from './tables/media-tables';
import type { report } from './tables/moderation-tables';
import type { notification } from './tables/notification-tables';
import type { post } from './tables/post-tables';
import type { sound } from './tables/sound-tables';

export type ReducerContext = ReducerCtx<KithSchema>;
/** Read-only tables, as views see them; reducers' tables fit too. */
export type ReadDb = ViewCtx<KithSchema>['db'];
export type WriteDb = ReducerContext['db'];

export type Identity = ReducerContext['sender'];
export type Timestamp = ReducerContext['timestamp'];

export type Account = Infer<typeof account.rowType>;
export type Post = Infer<typeof post.rowType>;
export type Comment = Infer<typeof comment.rowType>;
export type Friendship = Infer<typeof friendship.rowType>;
export type Media = Infer<typeof media.rowType>;
export type Notification = Infer<typeof notification.rowType>;
export type Report = Infer<typeof report.rowType>;
export type Sound = Infer<typeof sound.rowType>;
