// Friend requests and friendships through the official SDK.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import { rows } from './support/cache.js';
import { useSharedKith } from './support/shared-kith.js';
import { befriend, type Member } from './support/use-kith.js';

const kith = useSharedKith();

const friendsOf = (member: Member) =>
  rows(member, 'myFriendship').map((f) => f.friendId.toHexString());
const requestsOf = (member: Member) =>
  rows(member, 'myFriendRequest').map(
    (r) => `${r.senderId.toHexString()}→${r.recipientId.toHexString()}`,
  );
const notificationsOf = (member: Member) =>
  rows(member, 'myNotification').map((n) => ({ kind: n.kind, actors: n.actorIds.length }));

describe('friend requests', () => {
  it('reach both people, with a notification for the recipient', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await ana.conn.reducers.sendFriendRequest({ recipient: bob.identity });
    const request = `${ana.identity.toHexString()}→${bob.identity.toHexString()}`;
    expect(requestsOf(ana)).toEqual([request]);
    await eventually(() => expect(requestsOf(bob)).toEqual([request]));
    expect(notificationsOf(bob)).toEqual([{ kind: 'friend_request', actors: 1 }]);
  });

  it('accepted: friends both ways, request gone, the requester told, the notice taken back', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await befriend(ana, bob);
    expect(friendsOf(bob)).toEqual([ana.identity.toHexString()]);
    await eventually(() => expect(friendsOf(ana)).toEqual([bob.identity.toHexString()]));
    expect(requestsOf(ana)).toEqual([]);
    expect(requestsOf(bob)).toEqual([]);
    expect(notificationsOf(ana)).toEqual([{ kind: 'friend_accepted', actors: 1 }]);
    expect(notificationsOf(bob)).toEqual([]);
  });

  it('rejected: no friendship, request and notice gone', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await ana.conn.reducers.sendFriendRequest({ recipient: bob.identity });
    await bob.conn.reducers.rejectFriendRequest({ requester: ana.identity });
    await ana.settle();
    expect(requestsOf(ana)).toEqual([]);
    expect(friendsOf(ana)).toEqual([]);
    expect(notificationsOf(bob)).toEqual([]);
    expect(notificationsOf(ana)).toEqual([]);
  });

  it('cancelled: gone for both, the notice taken back', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await ana.conn.reducers.sendFriendRequest({ recipient: bob.identity });
    await eventually(() => expect(notificationsOf(bob)).toHaveLength(1));
    await ana.conn.reducers.cancelFriendRequest({ recipient: bob.identity });
    await bob.settle();
    expect(requestsOf(bob)).toEqual([]);
    expect(notificationsOf(bob)).toEqual([]);
  });

  it('to someone who already asked you becomes a friendship', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await ana.conn.reducers.sendFriendRequest({ recipient: bob.identity });
    await bob.conn.reducers.sendFriendRequest({ recipient: ana.identity });
    expect(friendsOf(bob)).toEqual([ana.identity.toHexString()]);
    expect(requestsOf(bob)).toEqual([]);
    await ana.settle();
    expect(notificationsOf(ana)).toEqual([{ kind: 'friend_accepted', actors: 1 }]);
  });

  it('group into one notice while unread', async () => {
    const ana = await kith.member('ana');
    for (const name of ['bob', 'cat', 'dan']) {
      const asker = await kith.member(name);
      await asker.conn.reducers.sendFriendRequest({ recipient: ana.identity });
    }
    await ana.settle();
    expect(notificationsOf(ana)).toEqual([{ kind: 'friend_request', actors: 3 }]);
  });

  it('are refused to yourself, to nobody, twice, to friends, and between blocked people', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    const { reducers } = ana.conn;
    await expect(reducers.sendFriendRequest({ recipient: ana.identity })).rejects.toThrow(
      'That is you.',
    );
    const nobody = (await kith.server.realtime.auth.issueNewIdentity()).identity;
    const { Identity } = await import('spacetimedb');
    await expect(reducers.sendFriendRequest({ recipient: new Identity(nobody) })).rejects.toThrow(
      'There is no such member.',
    );
    await reducers.sendFriendRequest({ recipient: bob.identity });
    await expect(reducers.sendFriendRequest({ recipient: bob.identity })).rejects.toThrow(
      /You already asked bob_\d+; wait for an answer/,
    );
    await bob.conn.reducers.acceptFriendRequest({ requester: ana.identity });
    await expect(reducers.sendFriendRequest({ recipient: bob.identity })).rejects.toThrow(
      /already friends with bob_/,
    );
    await cat.conn.reducers.blockAccount({ target: ana.identity });
    await expect(reducers.sendFriendRequest({ recipient: cat.identity })).rejects.toThrow(
      /cannot send a friend request to cat_/,
    );
    await expect(cat.conn.reducers.sendFriendRequest({ recipient: ana.identity })).rejects.toThrow(
      /cannot send a friend request to ana_/,
    );
    await cat.settle();
    expect(requestsOf(cat)).toEqual([]);
  });

  it('cannot be cancelled, accepted or rejected when there is none', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await expect(
      ana.conn.reducers.cancelFriendRequest({ recipient: bob.identity }),
    ).rejects.toThrow('You have no pending request to that member.');
    await ana.conn.reducers.sendFriendRequest({ recipient: bob.identity });
    // Only the recipient answers a request.
    await expect(
      ana.conn.reducers.acceptFriendRequest({ requester: bob.identity }),
    ).rejects.toThrow('That member has not asked to be your friend.');
    await expect(
      ana.conn.reducers.rejectFriendRequest({ requester: bob.identity }),
    ).rejects.toThrow('That member has not asked to be your friend.');
    expect(friendsOf(ana)).toEqual([]);
  });

  it('are refused to muted members and to callers without an account', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const muted = await kith.server.call(kith.server.ownerToken, 'mute_account', [
      ana.username,
      10,
      'cooling off',
    ]);
    expect(muted.ok).toBe(true);
    await expect(ana.conn.reducers.sendFriendRequest({ recipient: bob.identity })).rejects.toThrow(
      /You are muted until .*: cooling off/,
    );
    const service = await kith.server.issuer.serviceToken();
    const refused = await kith.server.call(service, 'send_friend_request', [
      { __identity__: `0x${bob.identity.toHexString()}` },
    ]);
    expect(refused.text).toMatch(/Only Kith members can do this/);
  });
});

describe('unfriend', () => {
  it('ends the friendship both ways', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await befriend(ana, bob);
    await ana.conn.reducers.unfriend({ friend: bob.identity });
    expect(friendsOf(ana)).toEqual([]);
    await bob.settle();
    expect(friendsOf(bob)).toEqual([]);
  });

  it('is refused when you are not friends', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await expect(ana.conn.reducers.unfriend({ friend: bob.identity })).rejects.toThrow(
      'You are not friends with that member.',
    );
  });
});
