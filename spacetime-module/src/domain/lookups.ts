// Finding what a reducer acts on, with one refusal for "absent" and "not
// yours to see", so that a refusal never reveals hidden content.
import { SenderError } from 'spacetimedb/server';
import type { Account, Comment, Identity, Post, ReadDb } from '../context';
import { sameIdentity } from './identities';
import { canSeeComment, canSeePost } from './visibility';

/** A post the viewer may see and that is not deleted. */
export function requireVisiblePost(db: ReadDb, viewer: Identity, postId: bigint): Post {
  const found = db.post.id.find(postId);
  if (found === null || found.deletedAt !== undefined || !canSeePost(db, viewer, found)) {
    throw new SenderError(`There is no post ${postId} that you can see.`);
  }
  return found;
}

/** The viewer's own post, deleted or not. */
export function requireOwnPost(db: ReadDb, author: Identity, postId: bigint): Post {
  const found = db.post.id.find(postId);
  if (found === null || !sameIdentity(found.authorId, author)) {
    throw new SenderError(`You have no post ${postId}.`);
  }
  return found;
}

/** A comment the viewer may see and that is not deleted. */
export function requireVisibleComment(db: ReadDb, viewer: Identity, commentId: bigint): Comment {
  const found = db.comment.id.find(commentId);
  if (found === null || found.deletedAt !== undefined || !canSeeComment(db, viewer, found)) {
    throw new SenderError(`There is no comment ${commentId} that you can see.`);
  }
  return found;
}

/** Another member, by identity. */
export function requireOtherAccount(db: ReadDb, me: Identity, other: Identity): Account {
  if (sameIdentity(other, me)) throw new SenderError('That is you.');
  const found = db.account.identity.find(other);
  if (found === null) throw new SenderError('There is no such member.');
  return found;
}
