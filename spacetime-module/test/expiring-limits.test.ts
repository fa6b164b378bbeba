// Limits that end on their own: a mute at the end of its period, a rate-limit
// bucket one refill interval later, a typing indicator its client stopped
// refreshing. The host runs on a test clock, so each period is a step.
import { Timestamp } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../spacetime-host/src/testing.js';
import { postsBy, rows } from './support/cache.js';
import { ADMIN_VIEWS, MEMBER_VIEWS } from './support/kith-client.js';
import type { KithServer } from './support/kith-server.js';
import { befriend, type Member, useKith } from './support/use-kith.js';

const kith = useKith();
const SECOND_MS = 1000;
const SECOND_MICROS = 1_000_000n;

async function onClock() {
  const clock = new ManualClock();
  const server = await kith.server({ clock });
  return { clock, server };
}

const post = (member: Member, text: string) =>
  member.conn.reducers.createPost({ text, mediaIds: [], visibility: 'public' });

const textsBy = (member: Member) =>
  postsBy(member, member)
    .map((p) => p.text)
    .sort();

describe('a mute', () => {
  /** Ana, an admin, and a post of the admin's to comment on. */
  async function muteWorld() {
    const { clock, server } = await onClock();
    const ana = await kith.member(server, 'ana');
    const boss = await kith.member(server, 'boss', {
      roles: ['admin'],
      views: [...MEMBER_VIEWS, ...ADMIN_VIEWS],
    });
    await post(boss, 'a post to comment on');
    const onPost = postsBy(boss, boss)[0]!;
    const mute = (minutes: number) =>
      boss.conn.reducers.muteAccount({ username: ana.username, minutes, reason: 'heated' });
    const refusal = (until: bigint) =>
      `You are muted until ${new Timestamp(until).toISOString()}: heated`;
    /** The mute as Ana and the admins see it. */
    const shown = async () => {
      await ana.settle();
      await boss.settle();
      return {
        mine: rows(ana, 'myMute').map((m) => m.until.microsSinceUnixEpoch),
        admins: rows(boss, 'adminMute').map((m) => m.until.microsSinceUnixEpoch),
      };
    };
    return { clock, ana, boss, onPost, mute, refusal, shown };
  }

  it('lets the member add content again once its period is over, not a second before', async () => {
    const { clock, ana, boss, onPost, mute, refusal, shown } = await muteWorld();
    await mute(60);
    const until = clock.now() + 3600n * SECOND_MICROS;

    clock.advanceTo(until - SECOND_MICROS);
    await expect(post(ana, 'still muted')).rejects.toThrow(refusal(until));
    await expect(
      ana.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'still muted' }),
    ).rejects.toThrow(refusal(until));
    expect(await shown()).toEqual({ mine: [until], admins: [until] });

    clock.advance(SECOND_MS);
    // Over: it leaves Ana's banner and the admins' list of mutes.
    expect(await shown()).toEqual({ mine: [], admins: [] });
    await post(ana, 'back again');
    await ana.conn.reducers.createComment({ postId: onPost.id, parentId: 0n, text: 'me too' });
    expect(textsBy(ana)).toEqual(['back again']);
    await boss.settle();
    expect(postsBy(boss, ana).map((p) => p.text)).toEqual(['back again']);
  });

  it('renewed for longer, ends at its new time and not at the first one', async () => {
    const { clock, ana, mute, refusal, shown } = await muteWorld();
    await mute(60);
    const first = clock.now() + 3600n * SECOND_MICROS;
    clock.advance(30 * 60 * SECOND_MS);
    await mute(60);
    const renewed = clock.now() + 3600n * SECOND_MICROS;

    clock.advanceTo(first);
    await expect(post(ana, 'still muted')).rejects.toThrow(refusal(renewed));
    expect(await shown()).toEqual({ mine: [renewed], admins: [renewed] });
    clock.advanceTo(renewed);
    expect(await shown()).toEqual({ mine: [], admins: [] });
    await post(ana, 'back again');
  });

  it('lifted early and given again for less, ends at the shorter time', async () => {
    const { clock, boss, ana, mute, shown } = await muteWorld();
    await mute(60);
    await boss.conn.reducers.unmuteAccount({ username: ana.username, reason: 'calmer' });
    await mute(10);
    const shorter = clock.now() + 600n * SECOND_MICROS;
    clock.advanceTo(shorter);
    expect(await shown()).toEqual({ mine: [], admins: [] });
    await post(ana, 'back again');
    // The first mute's end passing later changes nothing.
    clock.advance(3600 * SECOND_MS);
    expect(textsBy(ana)).toEqual(['back again']);
  });
});

describe('a rate-limit bucket', () => {
  /** Posting: `capacity` posts, then one more every `refillSeconds`. */
  async function limitPosts(server: KithServer, capacity: number, refillSeconds: number) {
    const set = await server.call(server.ownerToken, 'set_rate_limit', [
      'post',
      capacity,
      refillSeconds,
    ]);
    if (!set.ok) throw new Error(set.text);
  }

  it('refills one token per interval, and says how long is left until then', async () => {
    const { clock, server } = await onClock();
    await limitPosts(server, 2, 3600);
    const ana = await kith.member(server, 'ana');
    await post(ana, 'one');
    await post(ana, 'two');
    await expect(post(ana, 'three')).rejects.toThrow(
      'You are posting too fast: try again in 3600 seconds.',
    );
    clock.advance(3599 * SECOND_MS);
    await expect(post(ana, 'three')).rejects.toThrow(
      'You are posting too fast: try again in 1 second.',
    );
    clock.advance(SECOND_MS);
    await post(ana, 'three');
    await expect(post(ana, 'four')).rejects.toThrow(
      'You are posting too fast: try again in 3600 seconds.',
    );
    expect(textsBy(ana)).toEqual(['one', 'three', 'two']);
  });

  it('refills no further than its capacity, however long the member waited', async () => {
    const { clock, server } = await onClock();
    await limitPosts(server, 2, 60);
    const ana = await kith.member(server, 'ana');
    await post(ana, 'a');
    await post(ana, 'b');
    clock.advance(24 * 3600 * SECOND_MS);
    await post(ana, 'c');
    await post(ana, 'd');
    await expect(post(ana, 'e')).rejects.toThrow(
      'You are posting too fast: try again in 60 seconds.',
    );
    expect(textsBy(ana)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('a typing indicator', () => {
  it('ends 8 seconds after the last time its client said the member types', async () => {
    const { clock, server } = await onClock();
    const ana = await kith.member(server, 'ana');
    const fred = await kith.member(server, 'fred');
    await befriend(ana, fred);
    await post(fred, 'typing here');
    const onPost = postsBy(fred, fred)[0]!;
    const typing = async () => {
      await fred.settle();
      return rows(fred, 'visibleTyping').map((t) => t.postId);
    };

    await ana.conn.reducers.startTyping({ postId: onPost.id });
    expect(await typing()).toEqual([onPost.id]);
    clock.advance(7 * SECOND_MS);
    await ana.conn.reducers.startTyping({ postId: onPost.id });
    // The first call's expiry passes, but the second call kept it alive.
    clock.advance(7 * SECOND_MS);
    expect(await typing()).toEqual([onPost.id]);
    clock.advance(SECOND_MS);
    expect(await typing()).toEqual([]);
  });
});
