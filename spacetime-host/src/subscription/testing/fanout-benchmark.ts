// Benchmark (not a test): what one commit costs the subscription engine with
// 100 and 10,000 subscribers, for the shapes of subscription that matter.
// Run: npx tsx spacetime-host/src/subscription/testing/fanout-benchmark.ts
import type { SubscriptionStats } from '../subscription-stats.js';
import { caller, EngineFixture, type Writes } from './engine-fixture.js';

/** Enough commits to warm the JIT up at 100 subscribers. */
const commitsFor = (subscribers: number) => (subscribers <= 100 ? 2000 : 300);

interface Scenario {
  readonly name: string;
  readonly query: (subscriber: number) => string;
  /** The i-th measured commit. */
  readonly write: (w: Writes, i: number, subscribers: number) => void;
  readonly seed?: (w: Writes, subscribers: number) => void;
}

const user = (id: number, owner: number, age = 20) => [
  id,
  `u${id}`,
  age,
  [`0x${owner.toString(16)}`],
  true,
];
const post = (id: number, author: number, likes: number) => [BigInt(id), author, 't', likes];

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'distinct `owner = :sender` queries, one row changes',
    query: () => 'SELECT * FROM users WHERE owner = :sender',
    write: (w, i, n) => w.insert('users', user(i + 1, 1 + (i % n))),
  },
  {
    name: 'one shared query, every subscriber gets the row',
    query: () => 'SELECT * FROM posts WHERE likes > 10',
    write: (w, i) => w.insert('posts', post(i + 1, 1, 11)),
  },
  {
    name: 'distinct range queries (no routing: each is evaluated)',
    query: (s) => `SELECT * FROM posts WHERE likes > ${s}`,
    write: (w, i) => w.insert('posts', post(i + 1, 1, 5)),
  },
  {
    name: 'join routed by a join edge (unique users.id, name = literal)',
    query: (s) =>
      `SELECT posts.* FROM posts JOIN users ON posts.author = users.id WHERE users.name = 'u${s}'`,
    seed: (w, n) => {
      for (let id = 1; id <= n; id++) w.insert('users', user(id, id));
    },
    write: (w, i, n) => w.insert('posts', post(i + 1, 1 + (i % n), 0)),
  },
  {
    name: 'per-sender view `my_user`, one user row changes',
    query: () => 'SELECT * FROM my_user',
    write: (w, i, n) => w.insert('users', user(i + 1, 1 + (i % n))),
  },
];

function run(scenario: Scenario, subscribers: number): void {
  const f = new EngineFixture();
  if (scenario.seed) f.commit((w) => scenario.seed!(w, subscribers));
  let started = performance.now();
  for (let s = 1; s <= subscribers; s++) {
    f.engine.subscribe(`c${s}`, caller(BigInt(s)), 1, [scenario.query(s)]);
  }
  const subscribeMicros = ((performance.now() - started) * 1000) / subscribers;
  const before = f.engine.stats;
  let delivered = 0;
  const COMMITS = commitsFor(subscribers);
  // The transactions are committed first and then fed to the engine, so the
  // timing holds the engine's work only (views and join lookups then read
  // the final state, which costs the same).
  const changes = Array.from({ length: COMMITS }, (_, i) =>
    f.commitOnly((w) => scenario.write(w, i + subscribers, subscribers)),
  );
  started = performance.now();
  for (const tx of changes) delivered += f.engine.onCommit(tx).updates.size;
  const onCommitMillis = performance.now() - started;
  const commitMicros = (onCommitMillis * 1000) / COMMITS;
  const per = (key: keyof SubscriptionStats) =>
    ((f.engine.stats[key] - before[key]) / COMMITS).toFixed(1);
  console.log(
    `${String(subscribers).padStart(6)} subs | ${scenario.name}\n` +
      `         subscribe ${subscribeMicros.toFixed(1)} µs each; onCommit ${commitMicros.toFixed(1)} µs; ` +
      `per commit: ${per('queriesEvaluated')} queries, ` +
      `${per('rowsTested')} rows tested, ${per('viewsRecomputed')} views, ` +
      `${(delivered / COMMITS).toFixed(1)} connections updated`,
  );
}

for (const scenario of SCENARIOS) {
  for (const subscribers of [100, 10_000]) run(scenario, subscribers);
}
