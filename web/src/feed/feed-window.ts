// Which posts the feed shows. When the feed first fills, every post is
// admitted; posts by others newer than the newest one shown wait behind a
// "N new posts" pill instead of pushing what the person is reading down the
// page. Posts older than that go straight into their place by date: a new
// friend's earlier friends-only posts arrive all at once when the friendship
// starts, and they are not new, nor would "show" find them at the top. The
// person's own posts are admitted at once: they just wrote them.

export interface FeedItem {
  readonly id: bigint;
  readonly authorHex: string;
  /** Microseconds since the epoch; the feed is newest first. */
  readonly createdAt: bigint;
}

export interface FeedSplit<T extends FeedItem> {
  /** Newest first. */
  readonly shown: readonly T[];
  /** Newest first; not shown until admitted. */
  readonly pending: readonly T[];
  /** The newest time admitted: posts by others from after it are pending. */
  readonly through: bigint | undefined;
}

export function newestFirst<T extends FeedItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) =>
    a.createdAt === b.createdAt ? compare(b.id, a.id) : compare(b.createdAt, a.createdAt),
  );
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits the feed at `through`, the newest time admitted so far (undefined
 * when nothing is, so everything by others waits): posts by others from after
 * it are pending, all else is shown. The person's own posts are shown and
 * move the line up to them. The result's `through` is the line it used;
 * keeping it means a post once shown stays shown when a newer one goes away.
 */
export function splitFeed<T extends FeedItem>(
  items: readonly T[],
  through: bigint | undefined,
  myHex: string | undefined,
): FeedSplit<T> {
  let line = through;
  for (const item of items) {
    if (item.authorHex === myHex && (line === undefined || item.createdAt > line)) {
      line = item.createdAt;
    }
  }
  const shown: T[] = [];
  const pending: T[] = [];
  for (const item of newestFirst(items)) {
    if (item.authorHex === myHex || (line !== undefined && item.createdAt <= line)) {
      shown.push(item);
    } else {
      pending.push(item);
    }
  }
  return { shown, pending, through: line };
}

/** The line that admits everything in `items` too (for the first fill, and the pill). */
export function admitThrough(
  through: bigint | undefined,
  items: readonly FeedItem[],
): bigint | undefined {
  let line = through;
  for (const item of items) if (line === undefined || item.createdAt > line) line = item.createdAt;
  return line;
}

/** "1 new post", "3 new posts". */
export function pendingLabel(count: number): string {
  return count === 1 ? '1 new post' : `${count} new posts`;
}
