import { describe, expect, it } from 'vitest';
import { ClientCache } from './testing/client-cache.js';
import type { Writes } from './testing/engine-fixture.js';
import { caller, EngineFixture } from './testing/engine-fixture.js';
import { ALICE, BOB } from './testing/test-schema.js';

const user = (id: number, active: boolean, name = `u${id}`, age = 30) => [
  id,
  name,
  age,
  [`0x${id.toString(16)}`],
  active,
];
const post = (id: number, author: number, likes = 0) => [BigInt(id), author, `post ${id}`, likes];

const ACTIVE_POSTS =
  'SELECT posts.* FROM posts JOIN users ON posts.author = users.id WHERE users.active = true';

function seeded(): EngineFixture {
  const f = new EngineFixture();
  f.commit((w) => {
    w.insert('users', user(1, true));
    w.insert('users', user(2, false));
    w.insert('posts', post(10, 1));
    w.insert('posts', post(11, 2));
    w.insert('posts', post(12, 1));
  });
  return f;
}

describe('joins', () => {
  it('returns the rows of one side that join rows of the other passing the filter', () => {
    const f = seeded();
    expect(f.subscribe('c', ALICE, 1, [ACTIVE_POSTS])).toEqual([
      { table: 'posts', rows: [post(10, 1), post(12, 1)] },
    ]);
  });

  it('follows changes on either side, and on both in one commit', () => {
    const f = seeded();
    f.subscribe('c', ALICE, 1, [ACTIVE_POSTS]);
    const updates = (write: (w: Writes) => void) => f.readable(f.commit(write)).c?.[1]?.posts;

    expect(updates((w) => w.update('users', user(2, true)))).toEqual([
      { inserts: [post(11, 2)], deletes: [] },
    ]);
    expect(updates((w) => w.insert('posts', post(13, 1)))).toEqual([
      { inserts: [post(13, 1)], deletes: [] },
    ]);
    const both = updates((w) => {
      w.update('users', user(1, false));
      w.insert('posts', post(14, 1));
    });
    expect(both).toHaveLength(1);
    expect(both![0]).toEqual({
      inserts: [],
      deletes: expect.arrayContaining([post(10, 1), post(12, 1), post(13, 1)]),
    });
    expect((both![0] as { deletes: unknown[] }).deletes).toHaveLength(3);
    expect(updates((w) => w.delete('posts', post(11, 2)))).toEqual([
      { inserts: [], deletes: [post(11, 2)] },
    ]);
    // A change that moves neither side in or out of the join sends nothing.
    expect(updates((w) => w.update('users', user(2, true, 'renamed')))).toBeUndefined();
  });

  it('returns a row once per match, and adds or removes one copy per changed match', () => {
    const f = seeded();
    const query = 'SELECT users.* FROM users JOIN posts ON users.id = posts.author';
    const cache = new ClientCache('c', 1);
    const initial = f.engine.subscribe('c', caller(ALICE), 1, [query]);
    expect(f.readRows(initial)).toEqual([
      { table: 'users', rows: [user(1, true), user(1, true), user(2, false)] },
    ]);
    cache.applied(initial);
    const added = f.commit((w) => w.insert('posts', post(13, 1)));
    expect(f.readable(added).c![1]!.users).toEqual([{ inserts: [user(1, true)], deletes: [] }]);
    cache.update(added);
    const removed = f.commit((w) => w.delete('posts', post(10, 1)));
    expect(f.readable(removed).c![1]!.users).toEqual([{ inserts: [], deletes: [user(1, true)] }]);
    cache.update(removed);
    const renamed = f.commit((w) => w.update('users', user(1, true, 'alice')));
    expect(f.readable(renamed).c![1]!.users).toEqual([
      {
        inserts: [user(1, true, 'alice'), user(1, true, 'alice')],
        deletes: [user(1, true), user(1, true)],
      },
    ]);
    cache.update(renamed);
    cache.expectToEqual(f.engine.subscribe('oracle', caller(ALICE), 1, [query]));
  });

  it('scans a side without an index on its join column once per commit', () => {
    const f = seeded();
    f.commit((w) => {
      w.insert('follows', [1, 2]);
      w.insert('follows', [2, 2]);
      w.insert('follows', [2, 1]);
    });
    const query =
      'SELECT users.* FROM users JOIN follows ON users.id = follows.follower WHERE follows.followee = 2';
    expect(f.subscribe('c', ALICE, 1, [query])).toEqual([
      { table: 'users', rows: [user(1, true), user(2, false)] },
    ]);
    const before = f.engine.stats;
    const result = f.commit((w) => {
      w.update('users', user(1, true, 'one'));
      w.update('users', user(2, false, 'two'));
    });
    expect(f.readable(result).c![1]!.users).toEqual([
      {
        inserts: [user(1, true, 'one'), user(2, false, 'two')],
        deletes: [user(1, true), user(2, false)],
      },
    ]);
    expect(f.engine.stats.sourceScans - before.sourceScans).toBe(1);
  });

  it('joins inserted event rows with the table they reference', () => {
    const f = seeded();
    const query =
      "SELECT pings.* FROM pings JOIN users ON pings.user_id = users.id WHERE pings.text <> '' AND users.active = true";
    expect(f.subscribe('c', ALICE, 1, [query])).toEqual([]);
    const result = f.commit((w) => {
      w.insert('pings', [1, 1, 'to an active user']);
      w.insert('pings', [2, 2, 'to an inactive one']);
    });
    expect(f.readable(result)).toEqual({
      c: { 1: { pings: [{ events: [[1, 1, 'to an active user']] }] } },
    });
  });

  it('routes changes of the returned table by the joined row when the join column is unique', () => {
    const f = new EngineFixture();
    f.commit((w) => {
      for (let id = 1; id <= 50; id++) w.insert('users', user(id, true));
    });
    for (let id = 1; id <= 50; id++) {
      f.subscribe(`c${id}`, ALICE, 1, [
        `SELECT posts.* FROM posts JOIN users ON posts.author = users.id WHERE users.name = 'u${id}'`,
      ]);
    }
    const before = f.engine.stats;
    const result = f.commit((w) => w.insert('posts', post(1, 7)));
    expect(Object.keys(f.readable(result))).toEqual(['c7']);
    expect(f.engine.stats.queriesEvaluated - before.queriesEvaluated).toBe(1);
  });
});

describe('joins stay equal to a fresh evaluation under random commits', () => {
  const QUERIES = [
    ACTIVE_POSTS,
    'SELECT users.* FROM users JOIN posts ON users.id = posts.author WHERE posts.likes > 5',
    'SELECT p.* FROM posts p JOIN posts q ON p.author = q.author WHERE q.likes > 5',
    'SELECT users.* FROM users JOIN follows ON users.id = follows.follower WHERE follows.followee = 1',
    'SELECT follows.* FROM follows JOIN users ON follows.followee = users.id WHERE users.age > 20 AND follows.follower <> 3',
    'SELECT users.* FROM users JOIN scores ON users.id = scores.level WHERE scores.player = 1 AND users.age > 0',
    "SELECT posts.* FROM posts JOIN users ON posts.author = users.id WHERE users.name = 'u2'",
    'SELECT u.* FROM users u JOIN posts p ON u.id = p.author WHERE u.id < p.author OR p.likes = 0',
  ];

  it.each([1, 2, 3, 4])('seed %i', (seed) => {
    let state = seed * 7919;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const f = new EngineFixture();
    const caches = QUERIES.map((query, i) => {
      const cache = new ClientCache('c', i);
      cache.applied(f.engine.subscribe('c', caller(BOB), i, [query]));
      return cache;
    });
    const users = new Map<number, unknown[]>();
    const posts = new Map<number, unknown[]>();
    const pairs = new Map<string, unknown[]>();
    const toggle = (w: Writes, table: string, rows: Map<string, unknown[]>, row: unknown[]) => {
      const key = JSON.stringify(row);
      if (rows.has(key)) {
        w.delete(table, row);
        rows.delete(key);
      } else {
        w.insert(table, row);
        rows.set(key, row);
      }
    };
    const upsert = (
      w: Writes,
      table: string,
      rows: Map<number, unknown[]>,
      id: number,
      row: unknown[],
    ) => {
      const op = random(3);
      if (!rows.has(id)) w.insert(table, row);
      else if (op === 0) {
        w.delete(table, rows.get(id));
        rows.delete(id);
        return;
      } else w.update(table, row);
      rows.set(id, row);
    };
    for (let commit = 0; commit < 150; commit++) {
      const result = f.commit((w) => {
        for (let op = 1 + random(6); op > 0; op--) {
          const which = random(4);
          if (which === 0) {
            const id = 1 + random(4);
            upsert(
              w,
              'users',
              users,
              id,
              user(id, random(2) === 0, `u${1 + random(3)}`, random(40)),
            );
          } else if (which === 1) {
            const id = 1 + random(8);
            upsert(w, 'posts', posts, id, post(id, 1 + random(4), random(11)));
          } else if (which === 2) {
            toggle(w, 'follows', pairs, [1 + random(4), 1 + random(3)]);
          } else {
            toggle(w, 'scores', pairs, [1 + random(2), 1 + random(6), BigInt(random(3))]);
          }
        }
      });
      QUERIES.forEach((query, i) => {
        caches[i]!.update(result);
        const fresh = f.engine.subscribe('oracle', caller(BOB), i, [query]);
        f.engine.unsubscribe('oracle', i, false);
        caches[i]!.expectToEqual(fresh);
      });
    }
  });
});
