// The privacy matrix: for each kind of row, who must receive it and who must
// never receive it, checked in what each client's cache actually holds. The
// people and their content are described in support/privacy-world.ts.
import type { Identity } from 'spacetimedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../spacetime-host/test/support/temp-dirs.js';
import {
  loadableMedia,
  rows,
  visibleComments,
  visiblePostStats,
  visiblePosts,
} from './support/cache.js';
import { connectKith, type KithClient, MEMBER_VIEWS } from './support/kith-client.js';
import { buildWorld, VIEWERS, type Viewer, type World } from './support/privacy-world.js';

const tempDir = useTempDirs();
let world: World;

beforeAll(async () => {
  world = await buildWorld(await tempDir());
}, 120_000);

afterAll(async () => {
  for (const client of Object.values(world?.clients ?? {})) client.conn.disconnect();
  await world?.server.close();
});

const nameOf = (identity: Identity) => world.names.get(identity.toHexString()) ?? '?';

/** What each viewer's cache holds of one kind of row, as readable keys. */
type Sample = (client: KithClient) => string[];

const matrix: [string, Sample, string, Viewer[]][] = [
  [
    'ana’s account',
    (c) => rows(c, 'visibleAccount').map((a) => a.username),
    'ana',
    ['ana', 'fred', 'nina', 'adam'],
  ],
  [
    'blake’s account',
    (c) => rows(c, 'visibleAccount').map((a) => a.username),
    'blake',
    ['fred', 'nina', 'blake', 'adam'],
  ],
  [
    'ana’s friendship with bart (a friend’s friend list)',
    (c) => rows(c, 'friendFriendship').map((f) => `${nameOf(f.ownerId)}→${nameOf(f.friendId)}`),
    'ana→bart',
    ['fred'],
  ],
  [
    'fred’s friendship with ana (never to blake, whom ana blocked)',
    (c) => rows(c, 'friendFriendship').map((f) => `${nameOf(f.ownerId)}→${nameOf(f.friendId)}`),
    'fred→ana',
    [],
  ],
  [
    'a public post',
    (c) => visiblePosts(c).map((p) => p.text),
    'ana public (edited)',
    ['ana', 'fred', 'nina', 'adam'],
  ],
  [
    'a friends-only post',
    (c) => visiblePosts(c).map((p) => p.text),
    'ana friends',
    ['ana', 'fred'],
  ],
  [
    'a blocked member’s public post',
    (c) => visiblePosts(c).map((p) => p.text),
    'blake public',
    ['fred', 'nina', 'blake', 'adam'],
  ],
  [
    'a friend’s friends-only post',
    (c) => visiblePosts(c).map((p) => p.text),
    'fred friends',
    ['ana', 'fred', 'blake'],
  ],
  [
    'the counts of a public post',
    (c) => visiblePostStats(c).map((s) => `${s.like} like, ${s.angry} angry`),
    '1 like, 1 angry',
    ['ana', 'fred', 'nina', 'adam'],
  ],
  [
    'the counts of a friends-only post',
    (c) => visiblePostStats(c).map((s) => `${s.love} love`),
    '1 love',
    ['ana', 'fred'],
  ],
  [
    'an earlier version of a post',
    (c) => rows(c, 'myPostRevision').map((r) => r.text),
    'ana public',
    ['ana'],
  ],
  [
    'a comment on a public post',
    (c) => visibleComments(c).map((x) => x.text),
    'fred on public',
    ['ana', 'fred', 'nina', 'adam'],
  ],
  [
    'a comment on a friends-only post',
    (c) => visibleComments(c).map((x) => x.text),
    'fred on friends',
    ['ana', 'fred'],
  ],
  [
    'a blocked member’s comment on a public post',
    (c) => visibleComments(c).map((x) => x.text),
    'blake on public',
    ['fred', 'nina', 'adam'],
  ],
  // Reaction rows reach whoever reacted and whoever wrote what they reacted to;
  // every other reader of the post gets its counts (above).
  [
    'a comment on a common friend’s post by a member in a block with the reader',
    (c) => visibleComments(c).map((x) => x.text),
    'blake on fred',
    ['fred', 'blake'],
  ],
  [
    'a reaction on a public post',
    (c) => rows(c, 'visibleReaction').map((r) => `${nameOf(r.reactorId)} ${r.kind}`),
    'fred like',
    ['ana', 'fred'],
  ],
  [
    'a reaction on a friends-only post',
    (c) => rows(c, 'visibleReaction').map((r) => `${nameOf(r.reactorId)} ${r.kind}`),
    'fred love',
    ['ana', 'fred'],
  ],
  [
    'a blocked member’s reaction (on a post they can no longer see)',
    (c) => rows(c, 'visibleReaction').map((r) => `${nameOf(r.reactorId)} ${r.kind}`),
    'blake angry',
    [],
  ],
  [
    'the image of a public post',
    (c) => loadableMedia(c).map((m) => m.mediaId),
    'public',
    ['ana', 'fred', 'nina', 'adam'],
  ],
  [
    'the image of a friends-only post',
    (c) => loadableMedia(c).map((m) => m.mediaId),
    'friends',
    ['ana', 'fred'],
  ],
  [
    'the clip of an approved sound',
    (c) => loadableMedia(c).map((m) => m.mediaId),
    'approvedClip',
    ['ana', 'fred', 'nina', 'adam'],
  ],
  [
    'the clip of a sound awaiting review',
    (c) => loadableMedia(c).map((m) => m.mediaId),
    'pendingClip',
    ['ana', 'adam'],
  ],
  [
    'an approved sound',
    (c) => rows(c, 'visibleSound').map((s) => s.name),
    'airhorn',
    ['ana', 'fred', 'nina', 'adam'],
  ],
  [
    'a sound awaiting review (members’ view)',
    (c) => rows(c, 'visibleSound').map((s) => s.name),
    'boing',
    ['ana'],
  ],
  [
    'a sound awaiting review (review queue)',
    (c) => rows(c, 'adminSound').map((s) => s.name),
    'boing',
    ['adam'],
  ],
  [
    'ana’s presence',
    (c) => rows(c, 'visiblePresence').map((p) => nameOf(p.identity)),
    'ana',
    ['ana', 'fred'],
  ],
  [
    'a friendship (ana’s side)',
    (c) => rows(c, 'myFriendship').map((f) => `${nameOf(f.ownerId)}→${nameOf(f.friendId)}`),
    'ana→fred',
    ['ana'],
  ],
  [
    'a pending friend request',
    (c) => rows(c, 'myFriendRequest').map((r) => `${nameOf(r.senderId)}→${nameOf(r.recipientId)}`),
    'nina→fred',
    ['fred', 'nina'],
  ],
  [
    'a block',
    (c) => rows(c, 'myBlock').map((b) => `${nameOf(b.blockerId)}→${nameOf(b.blockedId)}`),
    'ana→blake',
    ['ana'],
  ],
  [
    'a notification to ana',
    (c) => rows(c, 'myNotification').map((n) => `to ${nameOf(n.recipientId)}`),
    'to ana',
    ['ana'],
  ],
  [
    'a report',
    (c) => [
      ...rows(c, 'myReport').map((r) => r.reason),
      ...rows(c, 'adminReport').map((r) => r.reason),
    ],
    'nina reports',
    ['nina', 'adam'],
  ],
  [
    'a reported friends-only post in the review queue',
    (c) => rows(c, 'adminReportedPost').map((p) => p.text),
    'ana public (edited)',
    ['adam'],
  ],
  ['a ban', (c) => rows(c, 'adminBan').map((b) => nameOf(b.identity)), 'bart', ['adam']],
  ['the audit log', (c) => rows(c, 'adminAuditLog').map((e) => e.action), 'ban', ['adam']],
];

describe('the privacy matrix', () => {
  it.each(matrix)('%s reaches exactly the allowed viewers', (_kind, sample, key, allowed) => {
    const expected = key in world.media ? world.media[key as keyof World['media']] : key;
    const receivers = VIEWERS.filter((viewer) => sample(world.clients[viewer]).includes(expected));
    expect(receivers).toEqual(allowed);
  });

  it('leaves the banned member’s and the service’s member views empty', () => {
    for (const viewer of ['bart', 'service'] as const) {
      for (const view of MEMBER_VIEWS) {
        const accessor = view.replace(/_(.)/g, (_m, c: string) => c.toUpperCase());
        expect({ view, rows: rows(world.clients[viewer], accessor as 'publicPost') }).toEqual({
          view,
          rows: [],
        });
      }
    }
  });

  it('puts each post in exactly one of public_post, friend_post and my_post', () => {
    for (const viewer of VIEWERS) {
      const ids = visiblePosts(world.clients[viewer]).map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('gives the admin views nothing to members', () => {
    for (const viewer of ['ana', 'fred', 'nina'] as const) {
      expect(rows(world.clients[viewer], 'adminReport')).toEqual([]);
    }
  });

  it('shows a member typing to the friends who see the post only', async () => {
    const { ana, fred, nina, adam } = world.clients;
    const publicPost = visiblePosts(ana).find((p) => p.text.startsWith('ana public'))!;
    await ana.conn.reducers.startTyping({ postId: publicPost.id });
    for (const client of Object.values(world.clients)) await client.settle();
    const typing = VIEWERS.filter((viewer) => rows(world.clients[viewer], 'visibleTyping').length);
    expect(typing).toEqual(['fred']);
    await ana.conn.reducers.stopTyping({});
    await fred.settle();
    expect(rows(fred, 'visibleTyping')).toEqual([]);
    expect(rows(nina, 'visibleTyping').length + rows(adam, 'visibleTyping').length).toBe(0);
  });
});

describe('connections and queries that must see nothing', () => {
  it('refuses an anonymous connection and anonymous SQL', async () => {
    const anonymous = await world.server.realtime.auth.issueNewIdentity();
    await expect(connectKith(world.server, anonymous.token)).rejects.toThrow();
    await expect(world.server.sql(anonymous.token, 'SELECT * FROM public_post')).rejects.toThrow(
      /403/,
    );
  });

  it('refuses the banned member a new connection', async () => {
    const banned = rows(world.clients.adam, 'adminBan')[0]!;
    expect(world.names.get(banned.identity.toHexString())).toBe('bart');
    const token = await world.server.issuer.memberToken(world.users.bart);
    await expect(connectKith(world.server, token)).rejects.toThrow();
    const refused = await world.server.call(token, 'create_post', ['hi', [], 'public']);
    expect(refused.text).toMatch(/banned: spam/);
  });

  it.each([
    ['a private table', 'SELECT * FROM post'],
    [
      'a join through a private table',
      'SELECT public_post.* FROM public_post JOIN post ON public_post.id = post.id',
    ],
    ['the private account table', 'SELECT * FROM account'],
  ])('refuses a member subscribing to %s', async (_what, query) => {
    const { nina } = world.clients;
    await expect(
      new Promise<void>((resolve, reject) => {
        nina.conn
          .subscriptionBuilder()
          .onApplied(() => resolve())
          .onError((ctx) => reject(ctx.event ?? new Error('refused')))
          .subscribe([query]);
      }),
    ).rejects.toThrow(/private/i);
    await nina.settle();
    expect(visiblePosts(nina).map((p) => p.text)).not.toContain('ana friends');
  });

  it('refuses a member one-off SQL on private tables, and serves views for the sender only', async () => {
    const ninaToken = await world.server.issuer.memberToken(world.users.nina);
    await expect(world.server.sql(ninaToken, 'SELECT * FROM post')).rejects.toThrow(/private/i);
    await expect(
      world.server.sql(
        ninaToken,
        'SELECT public_post.* FROM public_post JOIN post ON public_post.id = post.id',
      ),
    ).rejects.toThrow(/private/i);
    expect(await world.server.sql(ninaToken, 'SELECT * FROM friend_post')).toEqual([]);
    const visible = await world.server.sql(ninaToken, 'SELECT * FROM public_post');
    expect(visible.map((row) => row.text).sort()).toEqual(['ana public (edited)', 'blake public']);
  });
});
