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
import { areFriends, blockedKeysOf, friendIdsOf, isBlockedBetween } from './graph';
import { identityKey, sameIdentity } from './identities';

export const POST_VISIBILITIES = ['public', 'friends'] as const;
export type PostVisibility = (typeof POST_VISIBILITIES)[number];

export function canSeePost(db: ReadDb, viewer: Identity, target: Post): boolean {
  if (sameIdentity(target.authorId, viewer)) return true;
  if (target.deletedAt !== undefined) return false;
  if (isBlockedBetween(db, viewer, target.authorId)) return false;
  return target.visibility === 'public' || areFriends(db, viewer, target.authorId);
}

export function canSeeComment(db: ReadDb, viewer: Identity, target: Comment): boolean {
  const parentPost = db.post.id.find(target.postId);
  if (parentPost === null || !canSeePost(db, viewer, parentPost)) return false;
  return sameIdentity(target.authorId, viewer) || !isBlockedBetween(db, viewer, target.authorId);
}

/** A row that hangs off a post and carries the post's author and audience. */
export interface HangsOffPost {
  readonly postAuthorId: Identity;
  readonly audience: string;
}

/**
 * Everything a view may show `viewer`, read through indexes only: the
 * viewer's block list and friends, then own, friends' and public posts, or
 * the rows hanging off them found by the post's author and audience.
 */
export class VisibleContent {
  readonly #db: ReadDb;
  readonly #viewer: Identity;
  readonly #blocked: ReadonlySet<bigint>;
  readonly #friends: readonly Identity[];

  constructor(db: ReadDb, viewer: Identity) {
    this.#db = db;
    this.#viewer = viewer;
    this.#blocked = blockedKeysOf(db, viewer);
    this.#friends = friendIdsOf(db, viewer);
  }

  /** True when the viewer and `identity` are in a block, either way. */
  isBlocked(identity: Identity): boolean {
    return this.#blocked.has(identityKey(identity));
  }

  posts(): Post[] {
    const out = [...this.#db.post.authorId.filter(this.#viewer)];
    for (const friend of this.#friends) {
      for (const row of this.#db.post.authorId.filter(friend)) {
        if (row.deletedAt === undefined) out.push(row);
      }
    }
    const circle = this.#circle();
    for (const row of this.#db.post.visibility.filter('public')) {
      const outside = !circle.has(identityKey(row.authorId));
      if (outside && row.deletedAt === undefined && !this.isBlocked(row.authorId)) out.push(row);
    }
    return out;
  }

  /**
   * The rows hanging off the posts the viewer sees: off their own posts (even
   * deleted), off friends' live posts, and off public posts of members not in
   * a block with them. Who wrote each row is the caller's to filter.
   */
  hangingOff<T extends HangsOffPost>(
    byPostAuthor: (author: Identity) => Iterable<T>,
    byAudience: (audience: string) => Iterable<T>,
  ): T[] {
    const out = [...byPostAuthor(this.#viewer)];
    for (const friend of this.#friends) {
      for (const row of byPostAuthor(friend)) if (row.audience !== 'hidden') out.push(row);
    }
    const circle = this.#circle();
    for (const row of byAudience('public')) {
      const outside = !circle.has(identityKey(row.postAuthorId));
      if (outside && !this.isBlocked(row.postAuthorId)) out.push(row);
    }
    return out;
  }

  /** Whether the viewer sees a post of `author` with `audience` (see `hangingOff`). */
  seesPostOf(author: Identity, audience: string): boolean {
    if (sameIdentity(author, this.#viewer)) return true;
    if (audience === 'hidden' || this.isBlocked(author)) return false;
    return audience === 'public' || this.#friends.some((friend) => sameIdentity(friend, author));
  }

  /** Every account except those in a block with the viewer. */
  accounts() {
    return [...this.#db.account.joinedAt.filter(new Range())].filter(
      (row) => !this.isBlocked(row.identity),
    );
  }

  #circle(): Set<bigint> {
    return new Set([this.#viewer, ...this.#friends].map(identityKey));
  }
}
