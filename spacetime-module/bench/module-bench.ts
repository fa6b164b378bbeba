// Benchmark of the Kith module for docs/BENCHMARKS.md ("The Kith module"):
//   1. fan-out: a friends-only create_post reaching 50 connected friends' caches (p50/p99);
//   2. reactions: reducer throughput with those friends reacting in closed loops;
//   3. network growth: with 100, 1,000 and 10,000 accounts, what one commit costs the
//      subscribers (the host's turn: view recomputation and every update written) and
//      how long a member's initial subscription takes.
// The host runs here; the SDK clients run in a child process (bench-clients.ts).
// Run: npm run bench -w spacetime-module [-- --friends 50 --network 100,1000,10000]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatMicros,
  formatSummary,
  summarize,
} from '../../spacetime-host/bench/latency-summary.js';
import { identityFromClaims } from '../../spacetime-host/src/auth/identity.js';
import { MEMBER_VIEWS } from '../test/support/kith-client.js';
import { type TestUser, testUser } from '../test/support/kith-issuer.js';
import { ClientProcess } from './client-process.js';
import { measureHostBusy } from './host-busy.js';
import {
  identityJson,
  inParallel,
  type KithBenchHost,
  startKithBenchHost,
} from './kith-bench-host.js';

const { values: options } = parseArgs({
  options: {
    phases: { type: 'string', default: 'fanout,network' },
    friends: { type: 'string', default: '50' },
    posts: { type: 'string', default: '200' },
    'react-seconds': { type: 'string', default: '5' },
    network: { type: 'string', default: '100,1000,10000' },
    observers: { type: 'string', default: '20' },
    samples: { type: 'string', default: '20' },
  },
});
const phases = new Set(options.phases.split(','));
const number = (name: keyof typeof options) => {
  const value = Number(options[name]);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`--${name}: ${options[name]}`);
  return value;
};

console.log(
  `Kith module benchmark — ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);

async function withHost<T>(work: (host: KithBenchHost) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-bench-module-'));
  const host = await startKithBenchHost(dataDir);
  try {
    return await work(host);
  } finally {
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (phases.has('fanout')) {
  await withHost(async (host) => {
    const friends = number('friends');
    const users = [
      testUser('author'),
      ...Array.from({ length: friends }, (_, i) => testUser(`friend_${i}`)),
    ];
    const tokens = await Promise.all(users.map((user) => host.memberToken(user)));
    const clients = new ClientProcess();
    try {
      const { identities } = await clients.request(
        { type: 'connect', url: host.url, tokens, views: MEMBER_VIEWS },
        'connected',
      );
      for (let i = 1; i <= friends; i++) {
        await host.call(tokens[i]!, 'send_friend_request', [identityJson(identities[0]!)]);
        await host.call(tokens[0]!, 'accept_friend_request', [identityJson(identities[i]!)]);
      }
      const load = loadavg()[0]!.toFixed(1);
      const fanout = await clients.request(
        { type: 'post-latency', author: 0, warmup: 20, posts: number('posts'), intervalMs: 20 },
        'post-latency',
      );
      console.log(`\n### create_post (friends only) → ${friends} friends' caches (load ${load})`);
      console.log(
        `delivery to each friend: ${formatSummary(summarize(fanout.deliveryMicros))} over ${fanout.deliveryMicros.length} deliveries`,
      );
      console.log(`author's round trip:     ${formatSummary(summarize(fanout.roundTripMicros))}`);

      const seconds = number('react-seconds');
      const busy = measureHostBusy();
      const reactions = await clients.request(
        {
          type: 'react-throughput',
          postId: fanout.lastPostId,
          reactors: Array.from({ length: friends }, (_, i) => i + 1),
          seconds,
        },
        'react-throughput',
      );
      const busyMicros = busy.stop();
      console.log(
        `\n### react_to_post, ${friends} friends reacting in closed loops for ${seconds} s, all ${friends + 1} subscribed`,
      );
      console.log(
        `throughput: ${(reactions.calls / seconds).toFixed(0)} reactions/s (${reactions.failures} failed)`,
      );
      console.log(`round trip: ${formatSummary(summarize(reactions.roundTripMicros))}`);
      console.log(
        `host busy: ${formatMicros(busyMicros / Math.max(1, reactions.calls))} per reaction (${((100 * busyMicros) / (seconds * 1e6)).toFixed(0)}% of the time)`,
      );
    } finally {
      await clients.close();
    }
  });
}

if (phases.has('network')) {
  console.log('\n### Network growth: one commit’s cost to the subscribers');
  console.log(
    `(${number('observers')} members connected, each subscribed to every member view. Each cell: the host's busy time for one commit, p50 over ${number('samples')} commits, and in brackets the caller's round trip.)`,
  );
  console.log(
    '| accounts | initial subscription (p50) | friends-only post | public post | reaction on a public post |',
  );
  console.log('|---|---|---|---|---|');
  for (const size of options.network.split(',').map(Number)) {
    await withHost(async (host) => console.log(await networkRow(host, size)));
  }
}

/**
 * `size` accounts, each with a public and a friends-only post and friends with
 * the next two; the first `observers` connect. Times a friends-only post, a
 * public post and a reaction by observer 0.
 */
async function networkRow(host: KithBenchHost, size: number): Promise<string> {
  const users: TestUser[] = Array.from({ length: size }, (_, i) =>
    testUser(`member_${i}`, { userId: randomUUID() }),
  );
  const tokens = await Promise.all(users.map((user) => host.memberToken(user)));
  const identities = users.map((user) =>
    identityFromClaims(host.issuer.url, user.userId).toString(16).padStart(64, '0'),
  );
  await inParallel(users, 16, async (_user, i) => {
    await host.call(tokens[i]!, 'create_post', [`public ${i}`, [], 'public']);
    await host.call(tokens[i]!, 'create_post', [`friends ${i}`, [], 'friends']);
  });
  await inParallel(users, 16, async (_user, i) => {
    for (const step of [1, 2]) {
      const j = (i + step) % size;
      await host.call(tokens[i]!, 'send_friend_request', [identityJson(identities[j]!)]);
    }
  });
  await inParallel(users, 16, async (_user, j) => {
    for (const step of [1, 2]) {
      const i = (j - step + size) % size;
      await host.call(tokens[j]!, 'accept_friend_request', [identityJson(identities[i]!)]);
    }
  });
  const clients = new ClientProcess();
  try {
    const observers = Math.min(number('observers'), size);
    const { subscribeMicros } = await clients.request(
      { type: 'connect', url: host.url, tokens: tokens.slice(0, observers), views: MEMBER_VIEWS },
      'connected',
    );
    const timed = async (makeCall: (i: number) => Parameters<ClientProcess['request']>[0]) => {
      const busy: number[] = [];
      const roundTrips: number[] = [];
      // The first call warms the code paths up; it is not counted.
      for (let i = -1; i < number('samples'); i++) {
        const meter = measureHostBusy();
        const reply = await clients.request(makeCall(i), 'called');
        if (reply.error !== undefined) throw new Error(reply.error);
        // The other subscribers' updates leave in the turns that follow the reply.
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (i >= 0) {
          busy.push(meter.stop());
          roundTrips.push(reply.roundTripMicros);
        }
      }
      return `${formatMicros(summarize(busy).p50)} (${formatMicros(summarize(roundTrips).p50)})`;
    };
    const friendsPost = await timed((i) => ({
      type: 'call',
      client: 0,
      call: { reducer: 'createPost', text: `timed friends ${i}`, visibility: 'friends' },
    }));
    const publicPost = await timed((i) => ({
      type: 'call',
      client: 0,
      call: { reducer: 'createPost', text: `timed public ${i}`, visibility: 'public' },
    }));
    const reaction = await timed((i) => ({
      type: 'call',
      client: 1,
      call: { reducer: 'reactToPost', postId: '1', kind: i % 2 === 0 ? 'like' : 'love' },
    }));
    const subscribe = formatMicros(summarize(subscribeMicros).p50);
    return `| ${size.toLocaleString('en')} | ${subscribe} | ${friendsPost} | ${publicPost} | ${reaction} |`;
  } finally {
    await clients.close();
  }
}
