// The row types of the module's views, as the generated bindings deliver them.
import type { DbConnection } from '@kith/shared/module-bindings';

type Db = DbConnection['db'];

/** The row type of one of the views (or tables) the client can read. */
export type RowOf<K extends keyof Db> = Db[K] extends { iter(): Iterable<infer R> } ? R : never;

export type Account = RowOf<'visibleAccount'>;
export type AccountSettings = RowOf<'mySettings'>;
export type FormerUsername = RowOf<'visibleFormerUsername'>;
// Posts and what hangs off them come in three views with one row type:
// public_*, friend_* and my_*; a row is in exactly one.
export type Post = RowOf<'publicPost'>;
export type PostStats = RowOf<'publicPostStats'>;
export type PostRevision = RowOf<'myPostRevision'>;
export type Comment = RowOf<'publicComment'>;
export type CommentStats = RowOf<'publicCommentStats'>;
export type Reaction = RowOf<'visibleReaction'>;
export type Media = RowOf<'visibleMedia'>;
export type Presence = RowOf<'visiblePresence'>;
export type Typing = RowOf<'visibleTyping'>;
export type Sound = RowOf<'visibleSound'>;
export type Friendship = RowOf<'myFriendship'>;
export type FriendRequest = RowOf<'myFriendRequest'>;
export type Block = RowOf<'myBlock'>;
export type Notification = RowOf<'myNotification'>;
export type Mute = RowOf<'myMute'>;
export type Report = RowOf<'myReport'>;
export type Ban = RowOf<'adminBan'>;
export type AuditEntry = RowOf<'adminAuditLog'>;
