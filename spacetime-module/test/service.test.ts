// The API's side: service views serve whole tables to the service identity
// only, and the service reducers keep the network consistent with the API
// (media removed, users renamed and deleted).
import { describe, expect, it } from 'vitest';
import { eventually } from '../../spacetime-host/test/support/eventually.js';
import {
  loadableMedia,
  postsBy,
  rows,
  visibleComments,
  visiblePostStats,
} from './support/cache.js';
import { SERVICE_VIEWS } from './support/kith-client.js';
import { audioArgs, imageArgs, registerMedia } from './support/media-args.js';
import { useSharedKith } from './support/shared-kith.js';
import { befriend } from './support/use-kith.js';

const kith = useSharedKith();

describe('service views', () => {
  it('serve every post, comment, reaction, friendship, block and account to the service only', async () => {
    const ana = await kith.member('ana', { views: [...SERVICE_VIEWS] });
    const bob = await kith.member('bob');
    await befriend(ana, bob);
    await bob.conn.reducers.createPost({
      text: 'friends only',
      mediaIds: [],
      visibility: 'friends',
    });
    const hidden = postsBy(bob, bob)[0]!;
    await ana.conn.reducers.createComment({ postId: hidden.id, parentId: 0n, text: 'c' });
    await ana.conn.reducers.reactToPost({ postId: hidden.id, kind: 'like' });
    const cat = await kith.member('cat');
    await cat.conn.reducers.blockAccount({ target: bob.identity });
    const service = await kith.client(await kith.server.issuer.serviceToken(), SERVICE_VIEWS);
    expect(rows(service, 'servicePost').map((p) => p.id)).toContain(hidden.id);
    expect(rows(service, 'serviceComment').map((c) => c.postId)).toContain(hidden.id);
    expect(rows(service, 'serviceReaction').map((r) => r.postId)).toContain(hidden.id);
    expect(rows(service, 'serviceFriendship').length).toBeGreaterThanOrEqual(2);
    expect(rows(service, 'serviceBlock').map((b) => b.blockerId.toHexString())).toContain(
      cat.identity.toHexString(),
    );
    expect(rows(service, 'serviceAccount').map((a) => a.username)).toEqual(
      expect.arrayContaining([ana.username, bob.username, cat.username]),
    );
    // Live: a new post reaches the service's copy.
    await bob.conn.reducers.createPost({ text: 'later', mediaIds: [], visibility: 'friends' });
    await eventually(() =>
      expect(rows(service, 'servicePost').map((p) => p.text)).toContain('later'),
    );
    // A member subscribed to the same views got nothing.
    await ana.settle();
    for (const view of [
      'servicePost',
      'serviceComment',
      'serviceAccount',
      'serviceBlock',
    ] as const) {
      expect(rows(ana, view)).toEqual([]);
    }
  });
});

describe('remove_media', () => {
  it('takes the media out of the owner’s posts, profile and sounds', async () => {
    const ana = await kith.member('ana');
    const image = await registerMedia(kith.server, imageArgs(ana.user.userId));
    const clip = await registerMedia(kith.server, audioArgs(ana.user.userId));
    await ana.conn.reducers.createPost({
      text: 'with image',
      mediaIds: [image],
      visibility: 'public',
    });
    await ana.conn.reducers.setProfileMedia({ slot: 'avatar', mediaId: image });
    await ana.conn.reducers.createSound({ mediaId: clip, name: 'gone' });
    const service = await kith.server.issuer.serviceToken();
    await kith.server.call(service, 'remove_media', [image]);
    await kith.server.call(service, 'remove_media', [clip]);
    await ana.settle();
    expect(postsBy(ana, ana)[0]?.mediaIds).toEqual([]);
    expect(rows(ana, 'myAccount')[0]?.avatarMediaId).toBeUndefined();
    expect(rows(ana, 'visibleSound').filter((s) => s.ownerId.isEqual(ana.identity))).toEqual([]);
    expect(loadableMedia(ana).map((m) => m.mediaId)).not.toContain(image);
  });
});

describe('rename_user', () => {
  it('renames the member for everyone', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const renamed = `${ana.username}_x`.slice(0, 20);
    const result = await kith.server.call(await kith.server.issuer.serviceToken(), 'rename_user', [
      ana.user.userId,
      renamed,
    ]);
    expect(result.ok).toBe(true);
    await eventually(() =>
      expect(rows(bob, 'visibleAccount').map((a) => a.username)).toContain(renamed),
    );
  });

  it('keeps the old name leading to the member, for those who may see them', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const cat = await kith.member('cat');
    await cat.conn.reducers.blockAccount({ target: ana.identity });
    const renamed = `${ana.username}_y`.slice(0, 20);
    expect((await rename(ana.user.userId, renamed)).ok).toBe(true);
    await eventually(() =>
      expect(formerNames(bob)).toContainEqual([ana.username, ana.identity.toHexString()]),
    );
    await cat.settle();
    expect(formerNames(cat).map(([name]) => name)).not.toContain(ana.username);
    // Renaming again keeps both old names; going back to one drops it.
    const again = `${ana.username}_z`.slice(0, 20);
    expect((await rename(ana.user.userId, again)).ok).toBe(true);
    await eventually(() =>
      expect(formerNames(bob).map(([name]) => name)).toEqual(
        expect.arrayContaining([ana.username, renamed]),
      ),
    );
    expect((await rename(ana.user.userId, ana.username)).ok).toBe(true);
    await eventually(() => {
      const names = formerNames(bob).map(([name]) => name);
      expect(names).not.toContain(ana.username);
      expect(names).toEqual(expect.arrayContaining([renamed, again]));
    });
  });

  it('lets a given-up name lead to its next holder only, and forgets a deleted account', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const watcher = await kith.member('eve');
    const given = ana.username;
    expect((await rename(ana.user.userId, `${given}_n`.slice(0, 20))).ok).toBe(true);
    await eventually(() => expect(formerNames(watcher).map(([name]) => name)).toContain(given));
    expect((await rename(bob.user.userId, given)).ok).toBe(true);
    await eventually(() => {
      const names = formerNames(watcher).map(([name]) => name);
      expect(names).not.toContain(given);
      expect(names).toContain(bob.username);
    });
    expect(
      (
        await kith.server.call(await kith.server.issuer.serviceToken(), 'delete_user', [
          bob.user.userId,
        ])
      ).ok,
    ).toBe(true);
    await eventually(() =>
      expect(formerNames(watcher).map(([name]) => name)).not.toContain(bob.username),
    );
    // Gone from the table too, not only from what members see.
    const kept = await kith.server.sql(kith.server.ownerToken, 'SELECT * FROM former_username');
    expect(kept.map((row) => row.username)).not.toContain(bob.username);
    expect(kept.map((row) => row.username)).not.toContain(given);
  });
});

describe('former usernames', () => {
  it('let a mention of the old name reach the member, until they forget it', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    const old = ana.username;
    expect((await rename(ana.user.userId, `${old}_m`.slice(0, 20))).ok).toBe(true);
    await bob.conn.reducers.createPost({
      text: `hi @${old}`,
      mediaIds: [],
      visibility: 'public',
    });
    await eventually(() =>
      expect(rows(ana, 'myNotification').map((n) => n.kind)).toEqual(['mention']),
    );

    await ana.conn.reducers.forgetFormerUsernames({});
    await bob.settle();
    expect(formerNames(bob).map(([name]) => name)).not.toContain(old);
    await bob.conn.reducers.createPost({
      text: `again @${old}`,
      mediaIds: [],
      visibility: 'public',
    });
    await ana.settle();
    expect(rows(ana, 'myNotification')).toHaveLength(1);
  });
});

async function rename(userId: string, username: string) {
  return kith.server.call(await kith.server.issuer.serviceToken(), 'rename_user', [
    userId,
    username,
  ]);
}

function formerNames(member: Parameters<typeof rows>[0]): [string, string][] {
  return rows(member, 'visibleFormerUsername').map((row) => [
    row.username,
    row.identity.toHexString(),
  ]);
}

describe('delete_user', () => {
  it('removes the account, its content and its traces from everyone’s caches', async () => {
    const ana = await kith.member('ana');
    const bob = await kith.member('bob');
    await befriend(ana, bob);
    await ana.conn.reducers.createPost({
      text: 'ana was here',
      mediaIds: [],
      visibility: 'public',
    });
    await bob.conn.reducers.createPost({ text: 'bob stays', mediaIds: [], visibility: 'public' });
    const bobs = postsBy(bob, bob)[0]!;
    await ana.conn.reducers.createComment({ postId: bobs.id, parentId: 0n, text: 'ana comments' });
    await ana.conn.reducers.reactToPost({ postId: bobs.id, kind: 'love' });
    await eventually(() => expect(rows(bob, 'myNotification').length).toBeGreaterThan(0));
    const result = await kith.server.call(await kith.server.issuer.serviceToken(), 'delete_user', [
      ana.user.userId,
    ]);
    expect(result.ok).toBe(true);
    await bob.settle();
    expect(postsBy(bob, ana)).toEqual([]);
    expect(visibleComments(bob).filter((c) => c.postId === bobs.id)).toEqual([]);
    expect(visiblePostStats(bob).find((s) => s.postId === bobs.id)).toMatchObject({
      comments: 0,
      reactions: 0,
    });
    expect(rows(bob, 'myFriendship')).toEqual([]);
    expect(rows(bob, 'myNotification')).toEqual([]);
    expect(rows(bob, 'visibleAccount').map((a) => a.username)).not.toContain(ana.username);
    expect(rows(ana, 'myAccount')).toEqual([]);
  });
});
