// Who may see which post, comment and reaction: the one policy that reducers
// (before acting) and views (before serving) both apply.
//
// A post is seen by its author (even while deleted, to restore it), and, while
// not deleted, by members not in a block with the author: every member when
// it is public, the author's friends when it is friends-only. A comment or a
// reaction is seen by those who see its post, except people in a block with
// whoever wrote it.
import { Range } from 'spacetimedb/server';
import type { Comment, Identity, Post, ReadDb } from '../context';
import { areFriends, blockedHexesOf, friendIdsOf, isBlockedBetween } from './graph';

export const POST_VISIBILITIES = ['public', 'friends'] as const;
export type PostVisibility = (typeof POST_VISIBILITIES)[number];

export function canSeePost(db: ReadDb, viewer: Identity, target: Post): boolean {
  if (target.authorId.isEqual(viewer)) return true;
  if (target.deletedAt !== undefined) return false;
  if (isBlockedBetween(db, viewer, target.authorId)) return false;
  return target.visibility === 'public' || areFriends(db, viewer, target.authorId);
}

export function canSeeComment(db: ReadDb, viewer: Identity, target: Comment): boolean {
  const parentPost = db.post.id.find(target.postId);
  if (parentPost === null || !canSeePost(db, viewer, parentPost)) return false;
  return target.authorId.isEqual(viewer) || !isBlockedBetween(db, viewer, target.authorId);
}

/**
 * Everything a view may show `viewer`, read through indexes only: the
 * viewer's block list, own posts, each friend's posts, and the public posts.
 */
export class VisibleContent {
  readonly #db: ReadDb;
  readonly #viewer: Identity;
  readonly #blocked: ReadonlySet<string>;

  constructor(db: ReadDb, viewer: Identity) {
    this.#db = db;
    this.#viewer = viewer;
    this.#blocked = blockedHexesOf(db, viewer);
  }

  /** True when the viewer and `identity` are in a block, either way. */
  isBlocked(identity: Identity): boolean {
    return this.#blocked.has(identity.toHexString());
  }

  posts(): Post[] {
    const seen = new Set<bigint>();
    const out: Post[] = [];
    const add = (row: Post) => {
      if (!seen.has(row.id)) {
        seen.add(row.id);
        out.push(row);
      }
    };
    for (const row of this.#db.post.authorId.filter(this.#viewer)) add(row);
    for (const friend of friendIdsOf(this.#db, this.#viewer)) {
      for (const row of this.#db.post.authorId.filter(friend)) {
        if (row.deletedAt === undefined) add(row);
      }
    }
    for (const row of this.#db.post.visibility.filter('public')) {
      if (row.deletedAt === undefined && !this.isBlocked(row.authorId)) add(row);
    }
    return out;
  }

  /** Comments on the visible posts, without those of people in a block with the viewer. */
  comments(posts: readonly Post[] = this.posts()): Comment[] {
    const out: Comment[] = [];
    for (const row of posts) {
      for (const c of this.#db.comment.postId.filter(row.id)) {
        if (!this.isBlocked(c.authorId)) out.push(c);
      }
    }
    return out;
  }

  /** Every account except those in a block with the viewer. */
  accounts() {
    return [...this.#db.account.joinedAt.filter(new Range())].filter(
      (row) => !this.isBlocked(row.identity),
    );
  }
}
