// The SDK side of the module benchmark, in a process of its own: connects
// members, posts and reacts on command, and times what each client sees.
import { postsBy } from '../test/support/cache.js';
import { connectKith, type KithClient, subscribeViews } from '../test/support/kith-client.js';
import type { BenchCall, ChildMessage, ParentMessage } from './bench-protocol.js';

const clients: KithClient[] = [];
const micros = (from: number) => (performance.now() - from) * 1000;
const reply = (message: ChildMessage) => process.send?.(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error: unknown) => {
    console.error('bench clients failed:', error);
    process.exit(1);
  });
});

async function handle(message: ParentMessage): Promise<void> {
  switch (message.type) {
    case 'connect': {
      const subscribeMicros: number[] = [];
      const identities: string[] = [];
      for (const token of message.tokens) {
        const client = await connectKith({ url: message.url }, token);
        const started = performance.now();
        await subscribeViews(client, message.views);
        subscribeMicros.push(micros(started));
        identities.push(client.identity.toHexString());
        clients.push(client);
      }
      reply({ type: 'connected', subscribeMicros, identities });
      return;
    }
    case 'post-latency':
      reply(await postLatency(message.author, message.warmup, message.posts, message.intervalMs));
      return;
    case 'react-throughput':
      reply(await reactThroughput(BigInt(message.postId), message.reactors, message.seconds));
      return;
    case 'call': {
      const started = performance.now();
      const error = await call(clients[message.client]!, message.call).then(
        () => undefined,
        (failure: unknown) => String(failure),
      );
      reply({ type: 'called', roundTripMicros: micros(started), ...(error ? { error } : {}) });
      return;
    }
    case 'close':
      for (const client of clients) client.conn.disconnect();
      reply({ type: 'closed' });
      process.exit(0);
  }
}

function call(client: KithClient, request: BenchCall): Promise<void> {
  return request.reducer === 'createPost'
    ? client.conn.reducers.createPost({
        text: request.text,
        mediaIds: [],
        visibility: request.visibility,
      })
    : client.conn.reducers.reactToPost({ postId: BigInt(request.postId), kind: request.kind });
}

/** The author posts to friends; every other client is a friend and times the post's arrival. */
async function postLatency(authorIndex: number, warmup: number, posts: number, intervalMs: number) {
  const author = clients[authorIndex]!;
  const readers = clients.filter((_, i) => i !== authorIndex);
  const sentAt = new Map<string, number>();
  const deliveryMicros: number[] = [];
  let delivered = 0;
  for (const reader of readers) {
    reader.conn.db.friendPost.onInsert((_ctx, row) => {
      const sent = sentAt.get(row.text);
      if (sent === undefined || !row.authorId.isEqual(author.identity)) return;
      delivered++;
      if (Number(row.text.split(' ')[1]) >= warmup) deliveryMicros.push(micros(sent));
    });
  }
  const roundTripMicros: number[] = [];
  for (let i = 0; i < warmup + posts; i++) {
    const text = `bench ${i}`;
    const started = performance.now();
    sentAt.set(text, started);
    await author.conn.reducers.createPost({ text, mediaIds: [], visibility: 'friends' });
    if (i >= warmup) roundTripMicros.push(micros(started));
    await sleep(intervalMs);
  }
  const expected = (warmup + posts) * readers.length;
  for (let waited = 0; delivered < expected && waited < 30_000; waited += 10) await sleep(10);
  if (delivered < expected) throw new Error(`only ${delivered} of ${expected} posts arrived`);
  const last = postsBy(author, author).find((row) => row.text === `bench ${warmup + posts - 1}`);
  return {
    type: 'post-latency',
    deliveryMicros,
    roundTripMicros,
    lastPostId: String(last?.id ?? 0n),
  } as const;
}

/** Each reactor reacts in a closed loop, switching kinds so that every call changes a count. */
async function reactThroughput(postId: bigint, reactors: readonly number[], seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  const roundTripMicros: number[] = [];
  let failures = 0;
  await Promise.all(
    reactors.map(async (index, n) => {
      const client = clients[index]!;
      for (let i = n; performance.now() < deadline; i++) {
        const started = performance.now();
        try {
          await client.conn.reducers.reactToPost({ postId, kind: i % 2 === 0 ? 'like' : 'love' });
          roundTripMicros.push(micros(started));
        } catch {
          failures++;
        }
      }
    }),
  );
  return {
    type: 'react-throughput',
    calls: roundTripMicros.length,
    failures,
    roundTripMicros,
  } as const;
}
