// Per-sender rate limits: each action has a bucket; an empty one refuses with
// when to try again. The owner tunes the rules.
import { describe, expect, it } from 'vitest';
import { postsBy, rows } from './support/cache.js';
import { useSharedKith } from './support/shared-kith.js';
import type { Member } from './support/use-kith.js';

const kith = useSharedKith();

/** A bucket of `capacity` that refills only after an hour: the next call is refused. */
async function tighten(action: string, capacity: number): Promise<void> {
  const result = await kith.server.call(kith.server.ownerToken, 'set_rate_limit', [
    action,
    capacity,
    3600,
  ]);
  if (!result.ok) throw new Error(result.text);
}

async function postOf(author: Member) {
  await author.conn.reducers.createPost({ text: 'target', mediaIds: [], visibility: 'public' });
  return postsBy(author, author)[0]!;
}

describe('rate limits', () => {
  it('refuse the post after the bucket is empty, per sender', async () => {
    await tighten('post', 2);
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const post = (m: Member, text: string) =>
      m.conn.reducers.createPost({ text, mediaIds: [], visibility: 'public' });
    await post(ana, 'one');
    await post(ana, 'two');
    await expect(post(ana, 'three')).rejects.toThrow(
      /You are posting too fast: try again in \d+ seconds\./,
    );
    await post(bob, 'bob is not limited by ana');
    expect(
      postsBy(ana, ana)
        .map((p) => p.text)
        .sort(),
    ).toEqual(['one', 'two']);
    await tighten('post', 100);
  });

  it('refuse comments, reactions, friend requests and reports the same way', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    const onPost = await postOf(bob);
    await tighten('comment', 1);
    await ana.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'one' });
    await expect(
      ana.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'two' }),
    ).rejects.toThrow(/You are commenting too fast/);
    await tighten('reaction', 1);
    await ana.conn.reducers.reactToPost({ postId: onPost.id, kind: 'like' });
    await expect(
      ana.conn.reducers.reactToPost({ postId: onPost.id, kind: 'love' }),
    ).rejects.toThrow(/You are reacting too fast/);
    await tighten('friend_request', 1);
    await ana.conn.reducers.sendFriendRequest({ recipient: bob.identity });
    await expect(ana.conn.reducers.sendFriendRequest({ recipient: cat.identity })).rejects.toThrow(
      /You are sending friend requests too fast/,
    );
    await tighten('report', 1);
    await ana.conn.reducers.reportContent({
      targetKind: 'account',
      targetId: bob.username,
      reason: 'x',
    });
    await expect(
      ana.conn.reducers.reportContent({
        targetKind: 'account',
        targetId: cat.username,
        reason: 'x',
      }),
    ).rejects.toThrow(/You are reporting too fast/);
    for (const action of ['comment', 'reaction', 'friend_request', 'report'])
      await tighten(action, 100);
  });

  it('set_rate_limit is the owner’s, validated, audited and visible to members', async () => {
    const ana = await kith.member('ana', { roles: ['admin'] });
    await expect(
      ana.conn.reducers.setRateLimit({ action: 'post', capacity: 5, refillSeconds: 10 }),
    ).rejects.toThrow('Only the database owner may do this.');
    const owner = kith.server.ownerToken;
    for (const [args, message] of [
      [
        ['poke', 5, 10],
        /The action must be one of post, comment, reaction, friend_request, report/,
      ],
      [['post', 0, 10], /The capacity is 1 to 100000 actions/],
      [['post', 5, 0], /The refill interval is 1 to 86400 seconds/],
    ] as const) {
      const refused = await kith.server.call(owner, 'set_rate_limit', args);
      expect(refused.text).toMatch(message);
    }
    await tighten('report', 7);
    await ana.settle();
    expect(rows(ana, 'rateLimit').find((r) => r.action === 'report')).toMatchObject({
      capacity: 7,
      refillSeconds: 3600,
    });
    const log = await kith.server.sql(
      owner,
      "SELECT * FROM audit_log WHERE action = 'set_rate_limit'",
    );
    expect(log.length).toBeGreaterThan(0);
    await tighten('report', 100);
  });
});
