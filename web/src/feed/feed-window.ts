// Which posts the feed shows. When the feed first fills, every post is
// admitted; later arrivals from others wait behind a "N new posts" pill
// instead of pushing what the person is reading down the page. The
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
}

export function newestFirst<T extends FeedItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) =>
    a.createdAt === b.createdAt ? compare(b.id, a.id) : compare(b.createdAt, a.createdAt),
  );
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function splitFeed<T extends FeedItem>(
  items: readonly T[],
  admitted: ReadonlySet<bigint>,
  myHex: string | undefined,
): FeedSplit<T> {
  const shown: T[] = [];
  const pending: T[] = [];
  for (const item of newestFirst(items)) {
    if (admitted.has(item.id) || item.authorHex === myHex) shown.push(item);
    else pending.push(item);
  }
  return { shown, pending };
}

/** The admitted set with `items` added. */
export function admit(admitted: ReadonlySet<bigint>, items: readonly FeedItem[]): Set<bigint> {
  const next = new Set(admitted);
  for (const item of items) next.add(item.id);
  return next;
}

/** "1 new post", "3 new posts". */
export function pendingLabel(count: number): string {
  return count === 1 ? '1 new post' : `${count} new posts`;
}
