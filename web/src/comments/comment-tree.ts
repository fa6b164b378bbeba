// A post's comments as a thread: replies under the comment they answer,
// oldest first at each level. A deleted comment stays as a tombstone while
// replies hang from it, and disappears when none do, except for its author
// while they can restore it: for them it stays in its place. A reply whose parent
// this person cannot see (its author is in a block with them) joins the top
// level rather than vanishing.

export interface ThreadComment {
  readonly id: bigint;
  readonly parentId: bigint;
  readonly createdAt: bigint;
  readonly deleted: boolean;
}

export interface ThreadNode<T extends ThreadComment> {
  readonly comment: T;
  readonly replies: readonly ThreadNode<T>[];
}

export function buildThread<T extends ThreadComment>(comments: readonly T[]): ThreadNode<T>[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const children = new Map<bigint, T[]>();
  const roots: T[] = [];
  for (const comment of comments) {
    if (comment.parentId !== 0n && byId.has(comment.parentId)) {
      const siblings = children.get(comment.parentId);
      if (siblings === undefined) children.set(comment.parentId, [comment]);
      else siblings.push(comment);
    } else {
      roots.push(comment);
    }
  }
  const build = (level: readonly T[]): ThreadNode<T>[] =>
    [...level]
      .sort((a, b) =>
        a.createdAt === b.createdAt ? cmp(a.id, b.id) : cmp(a.createdAt, b.createdAt),
      )
      .map((comment) => ({ comment, replies: build(children.get(comment.id) ?? []) }))
      .filter((node) => !node.comment.deleted || node.replies.length > 0);
  return build(roots);
}

/**
 * The thread's comments as the reader sees them, with `restorable` (the
 * reader's own deleted comments they can restore) shown in place: a tombstone
 * of theirs is shown, and one that went (it had no replies) comes back where
 * it was.
 */
export function withRestorable<T extends ThreadComment>(
  comments: readonly T[],
  restorable: readonly T[],
): T[] {
  const mine = new Map(restorable.map((c) => [c.id, c]));
  const out = comments.map((c) => mine.get(c.id) ?? c);
  const present = new Set(comments.map((c) => c.id));
  for (const c of restorable) if (!present.has(c.id)) out.push(c);
  return out;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many comments a thread shows (tombstones not counted). */
export function countShown<T extends ThreadComment>(nodes: readonly ThreadNode<T>[]): number {
  return nodes.reduce(
    (sum, node) => sum + (node.comment.deleted ? 0 : 1) + countShown(node.replies),
    0,
  );
}

/** The key of the top level in `childIds`. */
export const TOP_LEVEL = -1n;

/**
 * The thread as ids under each parent (TOP_LEVEL for the top), so a view can
 * key its items by id and keep them (and an open reply box) across updates.
 */
export function childIds<T extends ThreadComment>(
  nodes: readonly ThreadNode<T>[],
): Map<bigint, bigint[]> {
  const out = new Map<bigint, bigint[]>();
  const walk = (parent: bigint, level: readonly ThreadNode<T>[]) => {
    out.set(
      parent,
      level.map((node) => node.comment.id),
    );
    for (const node of level) if (node.replies.length > 0) walk(node.comment.id, node.replies);
  };
  walk(TOP_LEVEL, nodes);
  return out;
}
