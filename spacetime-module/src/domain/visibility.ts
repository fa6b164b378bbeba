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

/** A row that carries the audience of a post (the post itself, or a row hanging off one). */
export interface WithAudience {
  readonly audience: string;
}

/**
 * What views may show `viewer`, read through indexes only, in three parts:
 * rows of public posts (every one, minus people in a block with the viewer),
 * of friends' friends-only posts, and of the viewer's own posts that are not
 * public. A post and what hangs off it are in exactly one part.
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

  /** True when the viewer is in any block: public rows then need filtering. */
  get hasBlocks(): boolean {
    return this.#blocked.size > 0;
  }

  /** Whether the viewer sees a post of `author` with `audience`. */
  seesPostOf(author: Identity, audience: string): boolean {
    if (sameIdentity(author, this.#viewer)) return true;
    if (audience === 'hidden' || this.isBlocked(author)) return false;
    return audience === 'public' || this.#friends.some((friend) => sameIdentity(friend, author));
  }

  /** Rows of the viewer's own posts that are not public (friends-only, or deleted). */
  ownRows<T extends WithAudience>(byPostAuthor: (author: Identity) => Iterable<T>): T[] {
    return [...byPostAuthor(this.#viewer)].filter((row) => row.audience !== 'public');
  }

  /** Rows of friends' friends-only posts. */
  friendRows<T extends WithAudience>(byPostAuthor: (author: Identity) => Iterable<T>): T[] {
    const out: T[] = [];
    for (const friend of this.#friends) {
      for (const row of byPostAuthor(friend)) if (row.audience === 'friends') out.push(row);
    }
    return out;
  }

  /** Rows of public posts, minus those of posts by people in a block with the viewer. */
  publicRows<T extends WithAudience>(
    byAudience: (audience: string) => Iterable<T>,
    postAuthorOf: (row: T) => Identity,
  ): T[] {
    return [...byAudience('public')].filter((row) => !this.isBlocked(postAuthorOf(row)));
  }

  /** Every account except those in a block with the viewer. */
  accounts() {
    return [...this.#db.account.joinedAt.filter(new Range())].filter(
      (row) => !this.isBlocked(row.identity),
    );
  }
}
