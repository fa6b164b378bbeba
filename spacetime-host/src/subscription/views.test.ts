import { describe, expect, it } from 'vitest';
import { SubscriptionSqlError } from './subscription-error.js';
import { ClientCache } from './testing/client-cache.js';
import { caller, EngineFixture, testViews } from './testing/engine-fixture.js';
import { ALICE, BOB, OWNER } from './testing/test-schema.js';
import type { ViewRunner } from './view-materializations.js';

const alice = [1, 'alice', 30, ['0xb2'], true];
const bob = [2, 'bob', 12, ['0xc3'], false];
const carol = [3, 'carol', 45, ['0xb2'], true];

function withUsers(views?: ViewRunner | null): EngineFixture {
  const f = new EngineFixture(views);
  f.commit((w) => {
    w.insert('users', alice);
    w.insert('users', bob);
    w.insert('users', carol);
  });
  return f;
}

describe('anonymous views', () => {
  it('are subscribed like tables, filters included', () => {
    const f = withUsers();
    expect(f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults'])).toEqual([
      { table: 'adults', rows: [alice, carol] },
    ]);
    expect(f.subscribe('c2', BOB, 1, ["SELECT * FROM adults WHERE name = 'carol'"])).toEqual([
      { table: 'adults', rows: [carol] },
    ]);
    // One materialisation serves every subscriber.
    expect(f.engine.activeViews).toBe(1);
    expect(f.viewRuns).toEqual(['adults']);
  });

  it('send only the difference when a table they read changes', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults']);
    const grown = [2, 'bob', 18, ['0xc3'], false];
    const result = f.commit((w) => {
      w.update('users', grown);
      w.update('users', [3, 'carol', 46, ['0xb2'], true]);
    });
    expect(f.readable(result)).toEqual({
      c1: {
        1: {
          adults: [{ inserts: [grown, [3, 'carol', 46, ['0xb2'], true]], deletes: [carol] }],
        },
      },
    });
    expect(f.engine.stats.viewsRecomputed).toBe(1);
  });

  it('are not recomputed for commits to tables they did not read', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults']);
    const runs = f.viewRuns.length;
    const result = f.commit((w) => w.insert('posts', [1n, 1, 'hi', 0]));
    expect(result.updates.size).toBe(0);
    expect(f.viewRuns.length).toBe(runs);
    expect(f.engine.stats.viewsRecomputed).toBe(0);
  });

  it('send nothing when recomputing yields the same rows', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults']);
    const result = f.commit((w) => w.update('users', [2, 'robert', 12, ['0xc3'], false]));
    expect(result.updates.size).toBe(0);
    expect(f.engine.stats.viewsRecomputed).toBe(1);
  });

  it('diff rows a view returns more than once as bags', () => {
    let copies = 2;
    const f = withUsers((name, sender, tx) =>
      name === 'adults'
        ? Array.from({ length: copies }, () => tx.scan(tx.tableIdFromName('users'))[0]!)
        : testViews(name, sender, tx),
    );
    expect(f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults'])).toEqual([
      { table: 'adults', rows: [alice, alice] },
    ]);
    copies = 1;
    const result = f.commit((w) => w.insert('users', [9, 'x', 1, ['0x01'], true]));
    expect(f.readable(result)).toEqual({
      c1: { 1: { adults: [{ inserts: [], deletes: [alice] }] } },
    });
  });

  it('can be private to the owner', () => {
    const f = withUsers();
    expect(() => f.subscribe('c1', ALICE, 1, ['SELECT * FROM staff'])).toThrow(
      'no such table: `staff`. If the table exists, it may be marked private., executing: `SELECT * FROM staff`',
    );
    expect(f.subscribe('c1', OWNER, 1, ['SELECT * FROM staff'])).toEqual([
      { table: 'staff', rows: [alice, bob, carol] },
    ]);
  });
});

describe('per-sender views', () => {
  it('are materialised once per identity and updated only for the sender they concern', () => {
    const f = withUsers();
    expect(f.subscribe('a', ALICE, 1, ['SELECT * FROM my_user'])).toEqual([
      { table: 'my_user', rows: [alice, carol] },
    ]);
    expect(f.subscribe('b', BOB, 1, ['SELECT * FROM my_user'])).toEqual([
      { table: 'my_user', rows: [bob] },
    ]);
    expect(f.engine.activeViews).toBe(2);
    f.viewRuns.length = 0;

    const older = [2, 'bob', 13, ['0xc3'], false];
    expect(f.readable(f.commit((w) => w.update('users', older)))).toEqual({
      b: { 1: { my_user: [{ inserts: [older], deletes: [bob] }] } },
    });
    expect(f.viewRuns).toEqual(['my_user:c3']);

    const dave = [4, 'dave', 50, ['0xb2'], true];
    expect(f.readable(f.commit((w) => w.insert('users', dave)))).toEqual({
      a: { 1: { my_user: [{ inserts: [dave], deletes: [] }] } },
    });
    expect(f.viewRuns).toEqual(['my_user:c3', 'my_user:b2']);

    // Nobody's view reads a user owned by 0xd4.
    expect(f.commit((w) => w.insert('users', [5, 'e', 1, ['0xd4'], true])).updates.size).toBe(0);
    expect(f.viewRuns).toHaveLength(2);
  });

  it('share a materialisation between connections of one identity until the last unsubscribes', () => {
    const f = withUsers();
    f.subscribe('a1', ALICE, 1, ['SELECT * FROM my_user']);
    f.subscribe('a2', ALICE, 5, ["SELECT * FROM my_user WHERE name = 'carol'"]);
    expect(f.engine.activeViews).toBe(1);
    const result = f.commit((w) => w.delete('users', carol));
    expect(f.readable(result)).toEqual({
      a1: { 1: { my_user: [{ inserts: [], deletes: [carol] }] } },
      a2: { 5: { my_user: [{ inserts: [], deletes: [carol] }] } },
    });
    expect(f.engine.stats.viewsRecomputed).toBe(1);
    f.engine.unsubscribe('a1', 1);
    expect(f.engine.activeViews).toBe(1);
    f.engine.dropConnection('a2');
    expect(f.engine.activeViews).toBe(0);
    f.viewRuns.length = 0;
    f.commit((w) => w.insert('users', carol));
    expect(f.viewRuns).toEqual([]);
  });
});

describe('views joined with tables', () => {
  it('join a view on the probe side with an indexed table, commit by commit', () => {
    const f = withUsers();
    f.commit((w) => {
      w.insert('posts', [1n, 1, 'by alice', 0]);
      w.insert('posts', [2n, 2, 'by bob', 0]);
    });
    const query = 'SELECT posts.* FROM adults a JOIN posts ON a.id = posts.author';
    const cache = new ClientCache('c', 1);
    const initial = f.engine.subscribe('c', caller(ALICE), 1, [query]);
    expect(f.readRows(initial)).toEqual([{ table: 'posts', rows: [[1n, 1, 'by alice', 0]] }]);
    cache.applied(initial);
    const steps = [
      () => f.commit((w) => w.update('users', [2, 'bob', 18, ['0xc3'], false])),
      () => f.commit((w) => w.insert('posts', [3n, 3, 'by carol', 0])),
      () =>
        f.commit((w) => {
          w.update('users', alice.with(2, 10));
          w.insert('posts', [4n, 1, 'alice again', 0]);
        }),
    ];
    for (const step of steps) {
      cache.update(step());
      cache.expectToEqual(f.engine.subscribe('oracle', caller(ALICE), 1, [query]));
      f.engine.unsubscribe('oracle', 1, false);
    }
  });

  it('refuse a view as the lookup side: views have no indexes', () => {
    const f = withUsers();
    expect(() =>
      f.subscribe('c', ALICE, 1, ['SELECT a.* FROM posts p JOIN adults a ON p.author = a.id']),
    ).toThrow('Subscriptions require indexes on join columns, executing:');
  });
});

describe('view failures', () => {
  it('end the query sets reading a view that throws after a commit, and only those', () => {
    let broken = false;
    const f = withUsers((name, sender, tx) => {
      if (broken) throw new Error('view exploded');
      return testViews(name, sender, tx);
    });
    f.subscribe('c', ALICE, 1, ['SELECT * FROM adults']);
    f.subscribe('c', ALICE, 2, ['SELECT * FROM users']);
    broken = true;
    const result = f.commit((w) => w.insert('users', [4, 'dave', 50, ['0x01'], true]));
    expect(result.failures).toEqual([
      {
        connectionKey: 'c',
        querySetId: 1,
        message: 'view exploded, executing: `SELECT * FROM adults`',
      },
    ]);
    expect(Object.keys(f.readable(result).c!)).toEqual(['2']);
    expect(() => f.engine.unsubscribe('c', 1)).toThrow(SubscriptionSqlError);
    expect(f.engine.activeViews).toBe(0);
  });

  it('refuse a subscription whose view throws, subscribing nothing', () => {
    const f = withUsers(() => {
      throw new Error('no way');
    });
    let error: unknown;
    try {
      f.subscribe('c', ALICE, 1, ['SELECT * FROM users', 'SELECT * FROM adults']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SubscriptionSqlError);
    expect(error).toMatchObject({
      kind: 'evaluation',
      message: 'no way, executing: `SELECT * FROM adults`',
    });
    expect(f.engine.activeQueries).toBe(0);
    expect(f.engine.activeViews).toBe(0);
  });

  it('refuse views when the host gave the engine no way to run them', () => {
    const f = withUsers(null);
    expect(() => f.subscribe('c', ALICE, 1, ['SELECT * FROM adults'])).toThrow(
      'view `adults` cannot be materialised: no view runner, executing: `SELECT * FROM adults`',
    );
  });
});

describe('view runners that bypass the recording read transaction', () => {
  it('still keep the view current, recomputing it on every commit', () => {
    // Reads the datastore directly, so the engine cannot see what it read.
    const direct: ViewRunner = (name, sender) => testViews(name, sender, g.datastore.committed);
    const g: EngineFixture = new EngineFixture(direct);
    g.commit((w) => w.insert('users', alice));
    expect(g.subscribe('c', ALICE, 1, ['SELECT * FROM adults'])).toEqual([
      { table: 'adults', rows: [alice] },
    ]);
    const result = g.commit((w) => w.insert('users', carol));
    expect(g.readable(result)).toEqual({
      c: { 1: { adults: [{ inserts: [carol], deletes: [] }] } },
    });
    g.commit((w) => w.insert('follows', [1, 2]));
    expect(g.engine.stats.viewsRecomputed).toBe(2);
  });
});

describe('deferred view refresh', () => {
  it('updates table queries now and views at flushViews', () => {
    const f = withUsers();
    f.subscribe('c', ALICE, 1, ['SELECT * FROM adults']);
    f.subscribe('c', ALICE, 2, ['SELECT * FROM users WHERE id = 2']);
    const grown = [2, 'bob', 18, ['0xc3'], false];
    const changes = f.commitOnly((w) => w.update('users', grown));
    const now = f.engine.onCommit(changes, { deferViews: true });
    expect(f.readable(now)).toEqual({
      c: { 2: { users: [{ inserts: [grown], deletes: [bob] }] } },
    });
    expect(f.engine.stats.viewsRecomputed).toBe(0);
    expect(f.readable(f.engine.flushViews())).toEqual({
      c: { 1: { adults: [{ inserts: [grown], deletes: [] }] } },
    });
    expect(f.engine.flushViews().updates.size).toBe(0);
  });

  it('recomputes deferred views at the next commit too', () => {
    const f = withUsers();
    f.subscribe('c', ALICE, 1, ['SELECT * FROM adults']);
    const grown = [2, 'bob', 18, ['0xc3'], false];
    f.engine.onCommit(
      f.commitOnly((w) => w.update('users', grown)),
      { deferViews: true },
    );
    const next = f.commit((w) => w.insert('posts', [1n, 1, 'x', 0]));
    expect(f.readable(next)).toEqual({ c: { 1: { adults: [{ inserts: [grown], deletes: [] }] } } });
  });

  it('keeps a view joined with a table consistent across deferred commits', () => {
    const f = withUsers();
    const query = 'SELECT posts.* FROM adults a JOIN posts ON a.id = posts.author';
    const cache = new ClientCache('c', 1);
    cache.applied(f.engine.subscribe('c', caller(ALICE), 1, [query]));
    const check = () => {
      const fresh = f.engine.subscribe('oracle', caller(ALICE), 1, [query]);
      f.engine.unsubscribe('oracle', 1, false);
      cache.expectToEqual(fresh);
    };
    const deferred = (write: Parameters<EngineFixture['commit']>[0]) => {
      cache.update(f.engine.onCommit(f.commitOnly(write), { deferViews: true }));
      check();
    };
    deferred((w) => w.insert('posts', [1n, 2, 'by bob', 0]));
    deferred((w) => w.update('users', [2, 'bob', 18, ['0xc3'], false]));
    deferred((w) => {
      w.insert('posts', [2n, 2, 'bob again', 0]);
      w.update('users', alice.with(2, 5));
    });
    cache.update(f.engine.flushViews());
    check();
    const fresh = f.engine.subscribe('oracle', caller(ALICE), 1, [query]);
    expect(f.readRows(fresh)).toEqual([
      {
        table: 'posts',
        rows: [
          [1n, 2, 'by bob', 0],
          [2n, 2, 'bob again', 0],
        ],
      },
    ]);
  });
});
