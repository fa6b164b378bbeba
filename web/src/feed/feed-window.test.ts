import { describe, expect, it } from 'vitest';
import { admit, type FeedItem, newestFirst, pendingLabel, splitFeed } from './feed-window';

const item = (id: number, author: string, at: number): FeedItem => ({
  id: BigInt(id),
  authorHex: author,
  createdAt: BigInt(at),
});

describe('the feed window', () => {
  const first = [item(1, 'ana', 100), item(2, 'bob', 200), item(3, 'ana', 300)];

  it('orders newest first, breaking ties by the later id', () => {
    const tied = [item(4, 'bob', 300), ...first];
    expect(newestFirst(tied).map((p) => p.id)).toEqual([4n, 3n, 2n, 1n]);
  });

  it('shows everything it admitted and holds back posts by others that came later', () => {
    const admitted = admit(new Set(), first);
    const later = [...first, item(5, 'bob', 500), item(6, 'cat', 400)];
    const split = splitFeed(later, admitted, 'me');
    expect(split.shown.map((p) => p.id)).toEqual([3n, 2n, 1n]);
    expect(split.pending.map((p) => p.id)).toEqual([5n, 6n]);
  });

  it("shows the person's own new posts at once", () => {
    const split = splitFeed([...first, item(7, 'me', 700)], admit(new Set(), first), 'me');
    expect(split.shown.map((p) => p.id)).toEqual([7n, 3n, 2n, 1n]);
    expect(split.pending).toEqual([]);
  });

  it('shows held-back posts once they are admitted, and forgets deleted ones', () => {
    const later = [item(1, 'ana', 100), item(5, 'bob', 500)];
    const admitted = admit(admit(new Set(), first), [item(5, 'bob', 500)]);
    const split = splitFeed(later, admitted, 'me');
    expect(split.shown.map((p) => p.id)).toEqual([5n, 1n]);
    expect(split.pending).toEqual([]);
  });

  it('does not change the set it was given', () => {
    const admitted = new Set<bigint>([1n]);
    admit(admitted, [item(2, 'bob', 2)]);
    expect([...admitted]).toEqual([1n]);
  });

  it('counts pending posts in words', () => {
    expect(pendingLabel(1)).toBe('1 new post');
    expect(pendingLabel(4)).toBe('4 new posts');
  });
});
