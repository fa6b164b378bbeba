// Removing an account the API deleted: its rows, its content, and its traces
// in other people's notifications and counts.
import type { Account, Timestamp, WriteDb } from '../context';
import { deleteCommentInThread } from './comment-removal';
import { forgetDeletedCommentsBy } from './deleted-comments';
import { sameIdentity } from './identities';
import { purgePost } from './post-removal';
import { removeReaction } from './reaction-removal';

export function removeAccount(db: WriteDb, target: Account, now: Timestamp): void {
  const id = target.identity;
  for (const row of [...db.post.authorId.filter(id)]) purgePost(db, row);
  for (const row of [...db.comment.authorId.filter(id)]) {
    // An earlier removal in this loop may have deleted it with its parent.
    const current = db.comment.id.find(row.id);
    if (current !== null) deleteCommentInThread(db, current, now);
  }
  forgetDeletedCommentsBy(db, id);
  for (const row of [...db.reaction.reactorId.filter(id)]) removeReaction(db, row);
  for (const row of [...db.friendship.ownerId.filter(id)]) db.friendship.id.delete(row.id);
  for (const row of [...db.friendship.friendId.filter(id)]) db.friendship.id.delete(row.id);
  for (const row of [...db.friendRequest.senderId.filter(id)]) db.friendRequest.id.delete(row.id);
  for (const row of [...db.friendRequest.recipientId.filter(id)]) {
    db.friendRequest.id.delete(row.id);
  }
  for (const row of [...db.block.blockerId.filter(id)]) db.block.id.delete(row.id);
  for (const row of [...db.block.blockedId.filter(id)]) db.block.id.delete(row.id);
  for (const row of [...db.notification.recipientId.filter(id)]) db.notification.id.delete(row.id);
  // Nothing indexes actors, and accounts are deleted rarely: one pass over all notifications.
  for (const row of [...db.notification.iter()]) {
    if (!row.actorIds.some((a) => sameIdentity(a, id))) continue;
    const actorIds = row.actorIds.filter((a) => !sameIdentity(a, id));
    if (actorIds.length === 0) db.notification.id.delete(row.id);
    else db.notification.id.update({ ...row, actorIds, actorCount: actorIds.length });
  }
  for (const row of [...db.sound.ownerId.filter(id)]) db.sound.id.delete(row.id);
  for (const row of [...db.media.ownerUserId.filter(target.userId)]) {
    db.media.mediaId.delete(row.mediaId);
  }
  for (const row of [...db.report.reporterId.filter(id)]) db.report.id.delete(row.id);
  for (const row of [...db.connection.identity.filter(id)]) {
    db.connection.connectionId.delete(row.connectionId);
  }
  for (const row of [...db.rateBucket.identity.filter(id)]) db.rateBucket.key.delete(row.key);
  db.presence.identity.delete(id);
  db.typing.identity.delete(id);
  db.accountSettings.identity.delete(id);
  for (const row of [...db.formerUsername.identity.filter(id)]) {
    db.formerUsername.username.delete(row.username);
  }
  db.adminGrant.identity.delete(id);
  db.mute.identity.delete(id);
  db.ban.identity.delete(id);
  db.account.identity.delete(id);
}
