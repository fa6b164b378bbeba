// Notifications: one unread row per group key collects every actor ("Ana and
// 3 others liked your post"); none for your own actions or between people
// who blocked each other.
import type { Comment, Identity, Timestamp, WriteDb } from '../context';
import { isBlockedBetween } from './graph';
import { sameIdentity } from './identities';

export type NotificationKind =
  | 'friend_request'
  | 'friend_accepted'
  | 'comment'
  | 'reply'
  | 'reaction'
  | 'mention';

export interface NotificationEvent {
  readonly recipientId: Identity;
  readonly actorId: Identity;
  readonly kind: NotificationKind;
  /** Events with one key share an unread notification, e.g. `reaction:post:7`. */
  readonly groupKey: string;
  readonly postId?: bigint;
  readonly commentId?: bigint;
}

export const groupKeys = {
  friendRequest: () => 'friend_request',
  friendAccepted: () => 'friend_accepted',
  commentOnPost: (postId: bigint) => `comment:post:${postId}`,
  replyToComment: (commentId: bigint) => `reply:comment:${commentId}`,
  reactionOnPost: (postId: bigint) => `reaction:post:${postId}`,
  reactionOnComment: (commentId: bigint) => `reaction:comment:${commentId}`,
  mentionInPost: (postId: bigint) => `mention:post:${postId}`,
  mentionInComment: (commentId: bigint) => `mention:comment:${commentId}`,
};

export function notify(db: WriteDb, event: NotificationEvent, now: Timestamp): void {
  const { recipientId, actorId } = event;
  if (sameIdentity(recipientId, actorId)) return;
  if (db.account.identity.find(recipientId) === null) return;
  if (isBlockedBetween(db, recipientId, actorId)) return;
  const unread = unreadGroup(db, recipientId, event.groupKey);
  if (unread === undefined) {
    db.notification.insert({
      id: 0n,
      recipientId,
      kind: event.kind,
      groupKey: event.groupKey,
      actorIds: [actorId],
      actorCount: 1,
      postId: event.postId ?? 0n,
      commentId: event.commentId ?? 0n,
      createdAt: now,
      updatedAt: now,
      read: false,
    });
    return;
  }
  const actorIds = [actorId, ...unread.actorIds.filter((a) => !sameIdentity(a, actorId))];
  db.notification.id.update({
    ...unread,
    actorIds,
    actorCount: actorIds.length,
    postId: event.postId ?? unread.postId,
    commentId: event.commentId ?? unread.commentId,
    updatedAt: now,
  });
}

/** Takes back an actor's part of an unread group (a cancelled request, an undone reaction). */
export function retract(db: WriteDb, recipientId: Identity, groupKey: string, actorId: Identity) {
  const unread = unreadGroup(db, recipientId, groupKey);
  if (unread !== undefined) withoutActor(db, unread, actorId);
}

/** Removes `actorId` from every notification of `recipientId` (after a block). */
export function forgetActor(db: WriteDb, recipientId: Identity, actorId: Identity): void {
  for (const row of [...db.notification.recipientId.filter(recipientId)]) {
    // A group left to others must not point at the blocked person's comment.
    const pointed = row.commentId === 0n ? null : db.comment.id.find(row.commentId);
    const theirs = pointed !== null && sameIdentity(pointed.authorId, actorId);
    const current = theirs ? { ...row, commentId: 0n } : row;
    if (theirs) db.notification.id.update(current);
    withoutActor(db, current, actorId);
  }
}

/**
 * Takes back what a deleted comment caused: the mentions in it go, and its
 * writer leaves the post's comment group (and the reply group of the comment
 * it answered) unless another comment of theirs there still stands. A group
 * left pointing at it points at the post instead.
 */
export function forgetComment(db: WriteDb, deleted: Comment): void {
  const standing = [...db.comment.postId.filter(deleted.postId)].filter(
    (row) =>
      row.id !== deleted.id &&
      row.deletedAt === undefined &&
      sameIdentity(row.authorId, deleted.authorId),
  );
  const stillIn = new Map<string, boolean>([
    [groupKeys.commentOnPost(deleted.postId), standing.length > 0],
  ]);
  if (deleted.parentId !== 0n) {
    stillIn.set(
      groupKeys.replyToComment(deleted.parentId),
      standing.some((row) => row.parentId === deleted.parentId),
    );
  }
  const mentions = groupKeys.mentionInComment(deleted.id);
  for (const row of [...db.notification.postId.filter(deleted.postId)]) {
    if (row.groupKey === mentions) {
      db.notification.id.delete(row.id);
      continue;
    }
    const stays = stillIn.get(row.groupKey);
    if (stays === undefined) continue;
    const current = row.commentId === deleted.id ? { ...row, commentId: 0n } : row;
    if (current !== row) db.notification.id.update(current);
    if (!stays) withoutActor(db, current, deleted.authorId);
  }
}

type NotificationRow = NonNullable<ReturnType<WriteDb['notification']['id']['find']>>;

function withoutActor(db: WriteDb, row: NotificationRow, actorId: Identity): void {
  if (!row.actorIds.some((a) => sameIdentity(a, actorId))) return;
  const actorIds = row.actorIds.filter((a) => !sameIdentity(a, actorId));
  if (actorIds.length === 0) db.notification.id.delete(row.id);
  else db.notification.id.update({ ...row, actorIds, actorCount: actorIds.length });
}

function unreadGroup(
  db: WriteDb,
  recipientId: Identity,
  groupKey: string,
): NotificationRow | undefined {
  for (const row of db.notification.group.filter([recipientId, groupKey])) {
    if (!row.read) return row;
  }
  return undefined;
}
