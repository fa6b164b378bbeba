// The world of the privacy matrix: one host and one SDK client per kind of
// viewer, with content of every kind between them.
//
// ana posts publicly and to friends; fred is her friend (and blake's, who
// comments on fred's friends-only post); nina is nobody's friend; ana blocked
// blake after blake had commented and reacted; bart was ana's friend until an
// admin banned him; adam is an admin but not her friend; the API's service
// identity reads through its own views only.
import { rows, visiblePosts } from './cache.js';
import {
  ADMIN_VIEWS,
  connectKith,
  type KithClient,
  MEMBER_VIEWS,
  SERVICE_VIEWS,
  subscribeViews,
} from './kith-client.js';
import { type TestUser, testUser } from './kith-issuer.js';
import { type KithServer, startKithServer } from './kith-server.js';
import { audioArgs, imageArgs, registerArgs } from './media-args.js';

export const VIEWERS = ['ana', 'fred', 'nina', 'blake', 'bart', 'adam', 'service'] as const;
export type Viewer = (typeof VIEWERS)[number];

export interface World {
  server: KithServer;
  users: Record<Exclude<Viewer, 'service'>, TestUser>;
  clients: Record<Viewer, KithClient>;
  names: Map<string, string>;
  media: Record<'public' | 'friends' | 'approvedClip' | 'pendingClip', string>;
}

/** Builds the world in a fresh host over `dataDir`; every client has settled. */
export async function buildWorld(dataDir: string): Promise<World> {
  const server = await startKithServer(dataDir);
  const service = await server.issuer.serviceToken();
  const users = {
    ana: testUser('ana'),
    fred: testUser('fred'),
    nina: testUser('nina'),
    blake: testUser('blake'),
    bart: testUser('bart'),
    adam: testUser('adam', { roles: ['admin'] }),
  };
  const clients = {} as Record<Viewer, KithClient>;
  for (const [name, user] of Object.entries(users)) {
    const client = await connectKith(server, await server.issuer.memberToken(user));
    await subscribeViews(
      client,
      name === 'adam' ? [...MEMBER_VIEWS, ...ADMIN_VIEWS] : MEMBER_VIEWS,
    );
    clients[name as Viewer] = client;
  }
  clients.service = await connectKith(server, service);
  await subscribeViews(clients.service, [...MEMBER_VIEWS, ...SERVICE_VIEWS]);
  const names = new Map<string, string>(
    Object.entries(clients).map(([name, client]) => [client.identity.toHexString(), name]),
  );
  const { ana, fred, nina, blake, bart, adam } = clients;

  const media = {
    public: imageArgs(users.ana.userId),
    friends: imageArgs(users.ana.userId),
    approvedClip: audioArgs(users.ana.userId),
    pendingClip: audioArgs(users.ana.userId),
  };
  for (const item of Object.values(media)) {
    const result = await server.call(service, 'register_media', registerArgs(item));
    if (!result.ok) throw new Error(result.text);
  }

  await fred.conn.reducers.sendFriendRequest({ recipient: ana.identity });
  await ana.conn.reducers.acceptFriendRequest({ requester: fred.identity });
  await bart.conn.reducers.sendFriendRequest({ recipient: ana.identity });
  await ana.conn.reducers.acceptFriendRequest({ requester: bart.identity });

  await ana.conn.reducers.createPost({
    text: 'ana public',
    mediaIds: [media.public.mediaId],
    visibility: 'public',
  });
  await ana.conn.reducers.createPost({
    text: 'ana friends',
    mediaIds: [media.friends.mediaId],
    visibility: 'friends',
  });
  await blake.conn.reducers.createPost({
    text: 'blake public',
    mediaIds: [],
    visibility: 'public',
  });
  await blake.conn.reducers.sendFriendRequest({ recipient: fred.identity });
  await fred.conn.reducers.acceptFriendRequest({ requester: blake.identity });
  await fred.conn.reducers.createPost({
    text: 'fred friends',
    mediaIds: [],
    visibility: 'friends',
  });
  const fredsPost = rows(fred, 'myPost').find((p) => p.text === 'fred friends')!;
  await blake.conn.reducers.createComment({
    postId: fredsPost.id,
    parentId: 0n,
    text: 'blake on fred',
  });
  const posts = new Map(visiblePosts(ana).map((p) => [p.text, p.id]));
  const publicPost = posts.get('ana public')!;
  const friendsPost = posts.get('ana friends')!;

  await fred.conn.reducers.createComment({
    postId: publicPost,
    parentId: 0n,
    text: 'fred on public',
  });
  await fred.conn.reducers.createComment({
    postId: friendsPost,
    parentId: 0n,
    text: 'fred on friends',
  });
  await blake.conn.reducers.createComment({
    postId: publicPost,
    parentId: 0n,
    text: 'blake on public',
  });
  await fred.conn.reducers.reactToPost({ postId: publicPost, kind: 'like' });
  await fred.conn.reducers.reactToPost({ postId: friendsPost, kind: 'love' });
  await blake.conn.reducers.reactToPost({ postId: publicPost, kind: 'angry' });

  await ana.conn.reducers.blockAccount({ target: blake.identity });
  await ana.conn.reducers.editPost({
    postId: publicPost,
    text: 'ana public (edited)',
    mediaIds: [media.public.mediaId],
  });

  await ana.conn.reducers.createSound({ mediaId: media.approvedClip.mediaId, name: 'airhorn' });
  await ana.conn.reducers.createSound({ mediaId: media.pendingClip.mediaId, name: 'boing' });
  const airhorn = rows(ana, 'visibleSound').find((s) => s.name === 'airhorn')!;
  await adam.conn.reducers.approveSound({ soundId: airhorn.id, note: 'fine' });

  await nina.conn.reducers.sendFriendRequest({ recipient: fred.identity });
  await nina.conn.reducers.reportContent({
    targetKind: 'post',
    targetId: String(publicPost),
    reason: 'nina reports',
  });
  await adam.conn.reducers.banAccount({ username: 'bart', reason: 'spam' });

  for (const client of Object.values(clients)) await client.settle();
  return {
    server,
    users,
    clients,
    names,
    media: {
      public: media.public.mediaId,
      friends: media.friends.mediaId,
      approvedClip: media.approvedClip.mediaId,
      pendingClip: media.pendingClip.mediaId,
    },
  };
}
