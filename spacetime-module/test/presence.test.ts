// Presence from connections (tabs and devices count once), idle, hidden, last
// seen; typing in a comment box, expiring when the client stops saying so.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import { postsBy, rows } from './support/cache.js';
import { MEMBER_VIEWS } from './support/kith-client.js';
import { useSharedKith } from './support/shared-kith.js';
import { befriend, type Member } from './support/use-kith.js';

const kith = useSharedKith();

const statusOf = (viewer: Member, of: Member) =>
  rows(viewer, 'visiblePresence').find((p) => p.identity.isEqual(of.identity))?.status;

describe('presence', () => {
  it('counts several connections once: online until the last one closes', async () => {
    const ana = await kith.member('ana');
    const fred = await kith.member('fred');
    await befriend(ana, fred);
    const secondTab = await kith.client(ana.token);
    await eventually(() => expect(statusOf(fred, ana)).toBe('online'));
    ana.conn.disconnect();
    await secondTab.settle();
    await fred.settle();
    expect(statusOf(fred, ana)).toBe('online');
    secondTab.conn.disconnect();
    await eventually(() => expect(statusOf(fred, ana)).toBe('offline'));
    const lastSeen = rows(fred, 'visiblePresence').find((p) => p.identity.isEqual(ana.identity));
    expect(lastSeen?.lastSeen.toDate().getTime()).toBeGreaterThan(0);
  });

  it('is idle when every connection is idle', async () => {
    const ana = await kith.member('ana');
    const fred = await kith.member('fred');
    await befriend(ana, fred);
    const secondTab = await kith.client(ana.token);
    await ana.conn.reducers.setIdle({ idle: true });
    await fred.settle();
    expect(statusOf(fred, ana)).toBe('online');
    await secondTab.conn.reducers.setIdle({ idle: true });
    await eventually(() => expect(statusOf(fred, ana)).toBe('idle'));
    await ana.conn.reducers.setIdle({ idle: false });
    await eventually(() => expect(statusOf(fred, ana)).toBe('online'));
  });

  it('reaches friends only, and nobody else when hidden', async () => {
    const ana = await kith.member('ana');
    const fred = await kith.member('fred');
    const nina = await kith.member('nina');
    await befriend(ana, fred);
    await eventually(() => expect(statusOf(fred, ana)).toBe('online'));
    await nina.settle();
    expect(statusOf(nina, ana)).toBeUndefined();
    await ana.conn.reducers.setPresenceHidden({ hidden: true });
    await eventually(() => expect(statusOf(fred, ana)).toBeUndefined());
    expect(statusOf(ana, ana)).toBe('online');
    expect(rows(ana, 'mySettings')[0]?.hidePresence).toBe(true);
    await ana.conn.reducers.setPresenceHidden({ hidden: false });
    await eventually(() => expect(statusOf(fred, ana)).toBe('online'));
  });

  it('an HTTP call is a connection of its own while it lasts, and leaves presence as it was', async () => {
    const ana = await kith.member('ana');
    const idleOverHttp = await kith.server.call(ana.token, 'set_idle', [true]);
    expect(idleOverHttp.ok).toBe(true);
    await ana.settle();
    expect(statusOf(ana, ana)).toBe('online');
  });
});

describe('typing', () => {
  it('shows to friends who see the post, ends on stop, and expires on its own', async () => {
    const ana = await kith.member('ana');
    const fred = await kith.member('fred');
    const nina = await kith.member('nina', { views: MEMBER_VIEWS });
    await befriend(ana, fred);
    await fred.conn.reducers.createPost({
      text: 'typing here',
      mediaIds: [],
      visibility: 'public',
    });
    const onPost = postsBy(fred, fred)[0]!;
    await ana.conn.reducers.startTyping({ postId: onPost.id });
    await fred.settle();
    await nina.settle();
    expect(rows(fred, 'visibleTyping').map((t) => t.postId)).toEqual([onPost.id]);
    expect(rows(nina, 'visibleTyping')).toEqual([]);
    await ana.conn.reducers.stopTyping({});
    await fred.settle();
    expect(rows(fred, 'visibleTyping')).toEqual([]);
    await ana.conn.reducers.startTyping({ postId: onPost.id });
    await fred.settle();
    expect(rows(fred, 'visibleTyping')).toHaveLength(1);
    // Nobody refreshes it: the scheduler clears it after its lifetime (8 s).
    await eventually(() => expect(rows(fred, 'visibleTyping')).toEqual([]), 20_000);
  }, 30_000);

  it('is refused on posts you cannot see', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await bob.conn.reducers.createPost({ text: 'secret', mediaIds: [], visibility: 'friends' });
    const hidden = postsBy(bob, bob)[0]!;
    await expect(ana.conn.reducers.startTyping({ postId: hidden.id })).rejects.toThrow(
      `There is no post ${hidden.id} that you can see.`,
    );
  });
});
