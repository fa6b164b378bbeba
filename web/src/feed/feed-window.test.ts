import { describe, expect, it } from 'vitest';
import { admitThrough, type FeedItem, newestFirst, pendingLabel, splitFeed } from './feed-window';

const item = (id: number, author: string, at: number): FeedItem => ({
  id: BigInt(id),
  authorHex: author,
  createdAt: BigInt(at),
});
const ids = (items: readonly FeedItem[]) => items.map((p) => p.id);

describe('the feed window', () => {
  const first = [item(1, 'ana', 100), item(2, 'bob', 200), item(3, 'ana', 300)];
  const filled = admitThrough(undefined, first);

  it('orders newest first, breaking ties by the later id', () => {
    const tied = [item(4, 'bob', 300), ...first];
    expect(ids(newestFirst(tied))).toEqual([4n, 3n, 2n, 1n]);
  });

  it('shows everything it admitted and holds back posts by others that came later', () => {
    expect(filled).toBe(300n);
    const later = [...first, item(5, 'bob', 500), item(6, 'cat', 400)];
    const split = splitFeed(later, filled, 'me');
    expect(ids(split.shown)).toEqual([3n, 2n, 1n]);
    expect(ids(split.pending)).toEqual([5n, 6n]);
  });

  it('puts posts older than the newest shown one in their place, not behind the pill', () => {
    // A new friend's earlier posts, delivered when the friendship starts.
    const friendsOld = [item(7, 'dan', 150), item(8, 'dan', 250), item(9, 'dan', 300)];
    const split = splitFeed([...first, ...friendsOld, item(10, 'dan', 350)], filled, 'me');
    expect(ids(split.shown)).toEqual([9n, 3n, 8n, 2n, 7n, 1n]);
    expect(ids(split.pending)).toEqual([10n]);
  });

  it('holds back everything by others while nothing is shown', () => {
    const split = splitFeed(first, admitThrough(undefined, []), 'me');
    expect(split.shown).toEqual([]);
    expect(ids(split.pending)).toEqual([3n, 2n, 1n]);
  });

  it("shows the person's own new posts at once, and what is older than them in place", () => {
    const later = [...first, item(6, 'cat', 400), item(7, 'me', 700), item(8, 'cat', 800)];
    const split = splitFeed(later, filled, 'me');
    expect(ids(split.shown)).toEqual([7n, 6n, 3n, 2n, 1n]);
    expect(ids(split.pending)).toEqual([8n]);
    expect(split.through).toBe(700n);
  });

  it('shows held-back posts once the pill admits them, and forgets deleted ones', () => {
    const pending = splitFeed([...first, item(5, 'bob', 500)], filled, 'me').pending;
    const through = admitThrough(filled, pending);
    const split = splitFeed([item(1, 'ana', 100), item(5, 'bob', 500)], through, 'me');
    expect(ids(split.shown)).toEqual([5n, 1n]);
    expect(split.pending).toEqual([]);
  });

  it('keeps a shown post shown when the newest one goes away', () => {
    // 250 went in below 300; then 300 is deleted: 250 stays, it does not move to the pill.
    const split = splitFeed([item(1, 'ana', 100), item(8, 'dan', 250)], filled, 'me');
    expect(ids(split.shown)).toEqual([8n, 1n]);
  });

  it('counts pending posts in words', () => {
    expect(pendingLabel(1)).toBe('1 new post');
    expect(pendingLabel(4)).toBe('4 new posts');
  });
});
