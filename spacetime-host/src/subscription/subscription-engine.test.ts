import { describe, expect, it } from 'vitest';
import { SubscriptionSqlError } from './subscription-error.js';
import { caller, EngineFixture } from './testing/engine-fixture.js';
import { ALICE, BOB, OWNER } from './testing/test-schema.js';

const alice = [1, 'alice', 30, ['0xb2'], true];
const bob = [2, 'bob', 12, ['0xc3'], false];
const carol = [3, 'carol', 45, ['0xb2'], true];

function withUsers(): EngineFixture {
  const f = new EngineFixture();
  f.commit((w) => {
    w.insert('users', alice);
    w.insert('users', bob);
  });
  return f;
}

describe('subscribe', () => {
  it('returns the matching rows of each query', () => {
    const f = withUsers();
    expect(f.subscribe('c1', ALICE, 1, ['SELECT * FROM users WHERE age > 18'])).toEqual([
      { table: 'users', rows: [alice] },
    ]);
  });

  it('leaves out a query over an empty table, as SpacetimeDB does, but keeps one matching nothing', () => {
    const f = withUsers();
    expect(f.subscribe('c1', ALICE, 1, ['SELECT * FROM posts'])).toEqual([]);
    expect(f.subscribe('c1', ALICE, 2, ['SELECT * FROM users WHERE age > 99'])).toEqual([
      { table: 'users', rows: [] },
    ]);
  });

  it('gives each query of a set its own rows, and counts an identical query once', () => {
    const f = withUsers();
    const rows = f.subscribe('c1', ALICE, 1, [
      'SELECT * FROM users',
      'SELECT * FROM users WHERE age > 18',
      '  SELECT * FROM users  ',
    ]);
    expect(rows).toEqual([
      { table: 'users', rows: [alice, bob] },
      { table: 'users', rows: [alice] },
    ]);
    expect(f.engine.activeQueries).toBe(2);
  });

  it('refuses a query set id already in use on the connection, but not on another', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users']);
    expect(() => f.subscribe('c1', ALICE, 1, ['SELECT * FROM posts'])).toThrow(
      new SubscriptionSqlError(
        'query-set',
        'Subscription with id 1 already exists for this connection',
      ),
    );
    expect(f.subscribe('c2', ALICE, 1, ['SELECT * FROM users'])).toHaveLength(1);
  });

  it('subscribes to nothing when one query of the set is invalid', () => {
    const f = withUsers();
    expect(() =>
      f.subscribe('c1', ALICE, 1, ['SELECT * FROM users', 'SELECT * FROM nope']),
    ).toThrow(SubscriptionSqlError);
    expect(f.engine.activeQueries).toBe(0);
    expect(f.subscribe('c1', ALICE, 1, ['SELECT * FROM users'])).toHaveLength(1);
  });

  it('resolves :sender to each caller', () => {
    const f = withUsers();
    f.commit((w) => w.insert('users', carol));
    const query = 'SELECT * FROM users WHERE owner = :sender';
    expect(f.subscribe('a', ALICE, 1, [query])).toEqual([{ table: 'users', rows: [alice, carol] }]);
    expect(f.subscribe('b', BOB, 1, [query])).toEqual([{ table: 'users', rows: [bob] }]);
    expect(f.engine.activeQueries).toBe(2);
    const result = f.commit((w) => w.insert('users', [4, 'dan', 20, ['0xc3'], true]));
    expect(f.readable(result)).toEqual({
      b: { 1: { users: [{ inserts: [[4, 'dan', 20, ['0xc3'], true]], deletes: [] }] } },
    });
  });

  it('expands SELECT * FROM * to the tables the caller may read, without event tables', () => {
    const f = withUsers();
    f.commit((w) => w.insert('secrets', [1, 'psst']));
    const tables = (identity: bigint) =>
      f.engine
        .subscribe(`c${identity}`, caller(identity), 1, ['select * from *'])
        .map((t) => t.tableName);
    expect(tables(ALICE)).toEqual(['users']);
    expect(tables(OWNER)).toEqual(['users', 'secrets']);
  });
});

describe('onCommit', () => {
  it('sends an update as a delete and an insert in the same rows entry', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users']);
    const result = f.commit((w) => w.update('users', [1, 'alice', 31, ['0xb2'], true]));
    expect(f.readable(result)).toEqual({
      c1: { 1: { users: [{ inserts: [[1, 'alice', 31, ['0xb2'], true]], deletes: [alice] }] } },
    });
  });

  it('sends only the side of an update that matches the filter', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users WHERE age > 18']);
    const grown = [2, 'bob', 19, ['0xc3'], false];
    expect(f.readable(f.commit((w) => w.update('users', grown)))).toEqual({
      c1: { 1: { users: [{ inserts: [grown], deletes: [] }] } },
    });
    expect(f.readable(f.commit((w) => w.update('users', bob)))).toEqual({
      c1: { 1: { users: [{ inserts: [], deletes: [grown] }] } },
    });
  });

  it('reaches only the connections whose queries the commit changes', () => {
    const f = withUsers();
    f.subscribe('users', ALICE, 1, ['SELECT * FROM users WHERE age > 18']);
    f.subscribe('posts', BOB, 1, ['SELECT * FROM posts']);
    const result = f.commit((w) => w.insert('posts', [10n, 1, 'hi', 0]));
    expect([...result.updates.keys()]).toEqual(['posts']);
    expect(f.commit((w) => w.insert('users', [5, 'kid', 3, ['0x01'], true])).updates.size).toBe(0);
    expect(f.commit((w) => w.insert('follows', [1, 2])).updates.size).toBe(0);
  });

  it('sends each overlapping query its own rows, so the client can count references', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users', 'SELECT * FROM users WHERE active = true']);
    const result = f.commit((w) => w.insert('users', carol));
    expect(f.readable(result)).toEqual({
      c1: {
        1: {
          users: [
            { inserts: [carol], deletes: [] },
            { inserts: [carol], deletes: [] },
          ],
        },
      },
    });
  });

  it('evaluates a query shared by several query sets once and delivers it to each', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users']);
    f.subscribe('c1', ALICE, 2, ['SELECT * FROM users']);
    f.subscribe('c2', BOB, 7, ['SELECT * FROM users']);
    const before = f.engine.stats;
    const result = f.commit((w) => w.insert('users', carol));
    expect(f.readable(result)).toEqual({
      c1: {
        1: { users: [{ inserts: [carol], deletes: [] }] },
        2: { users: [{ inserts: [carol], deletes: [] }] },
      },
      c2: { 7: { users: [{ inserts: [carol], deletes: [] }] } },
    });
    const after = f.engine.stats;
    expect(after.queriesEvaluated - before.queriesEvaluated).toBe(1);
    expect(after.deliveries - before.deliveries).toBe(3);
  });

  it('does nothing for a commit when nobody is subscribed', () => {
    const f = withUsers();
    expect(f.commit((w) => w.insert('users', carol))).toEqual({ updates: new Map(), failures: [] });
    expect(f.engine.stats.queriesEvaluated).toBe(0);
  });
});

describe('unsubscribe', () => {
  it('returns the rows of each query of the set, then stops its updates', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users', 'SELECT * FROM users WHERE age > 18']);
    f.subscribe('c1', ALICE, 2, ['SELECT * FROM users']);
    expect(f.readRows(f.engine.unsubscribe('c1', 1))).toEqual([
      { table: 'users', rows: [alice, bob] },
      { table: 'users', rows: [alice] },
    ]);
    expect(f.engine.activeQueries).toBe(1);
    const result = f.commit((w) => w.insert('users', carol));
    expect(Object.keys(f.readable(result).c1!)).toEqual(['2']);
  });

  it('returns nothing when the client did not ask for the dropped rows', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users']);
    expect(f.engine.unsubscribe('c1', 1, false)).toEqual([]);
    expect(f.engine.activeQueries).toBe(0);
  });

  it('refuses an unknown query set, and frees the id for reuse', () => {
    const f = withUsers();
    expect(() => f.engine.unsubscribe('c1', 1)).toThrow(
      new SubscriptionSqlError('query-set', 'Subscription not found: query set 1'),
    );
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users']);
    f.engine.unsubscribe('c1', 1);
    expect(() => f.engine.unsubscribe('c1', 1)).toThrow(SubscriptionSqlError);
    expect(f.subscribe('c1', ALICE, 1, ['SELECT * FROM posts'])).toEqual([]);
  });

  it('drops every query set of a closed connection', () => {
    const f = withUsers();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM users']);
    f.subscribe('c1', ALICE, 2, ['SELECT * FROM users WHERE owner = :sender']);
    f.subscribe('c2', BOB, 1, ['SELECT * FROM users']);
    f.engine.dropConnection('c1');
    f.engine.dropConnection('nobody');
    expect(f.engine.activeQueries).toBe(1);
    expect([...f.commit((w) => w.insert('users', carol)).updates.keys()]).toEqual(['c2']);
    f.engine.dropConnection('c2');
    expect(f.engine.activeQueries).toBe(0);
  });
});

describe('event tables', () => {
  it('sends inserted rows as events, filtered, and never as initial rows', () => {
    const f = withUsers();
    f.commit((w) => w.insert('pings', [1, 1, 'earlier']));
    expect(f.subscribe('c1', ALICE, 1, ['SELECT * FROM pings WHERE user_id = 1'])).toEqual([]);
    const result = f.commit((w) => {
      w.insert('pings', [2, 1, 'hello']);
      w.insert('pings', [3, 2, 'not for you']);
    });
    expect(f.readable(result)).toEqual({
      c1: { 1: { pings: [{ events: [[2, 1, 'hello']] }] } },
    });
  });

  it('ignores deletes of event rows', () => {
    const f = withUsers();
    f.commit((w) => w.insert('pings', [1, 1, 'x']));
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM pings']);
    expect(f.commit((w) => w.delete('pings', [1, 1, 'x'])).updates.size).toBe(0);
    expect(f.engine.unsubscribe('c1', 1)).toEqual([]);
  });
});

describe('oneOffQuery', () => {
  it('returns the rows over the current state and subscribes nothing', () => {
    const f = withUsers();
    const result = f.engine.oneOffQuery(caller(ALICE), 'SELECT * FROM users WHERE age > 18');
    expect(f.readRows([result])).toEqual([{ table: 'users', rows: [alice] }]);
    expect(f.readRows([f.engine.oneOffQuery(caller(ALICE), 'SELECT * FROM posts')])).toEqual([
      { table: 'posts', rows: [] },
    ]);
    expect(f.engine.activeQueries).toBe(0);
  });

  it('runs joins a subscription would refuse for want of an index', () => {
    const f = withUsers();
    f.commit((w) => w.insert('follows', [2, 1]));
    const query = 'SELECT users.* FROM users JOIN follows ON users.id = follows.follower';
    expect(() => f.subscribe('c', ALICE, 1, [query])).toThrow('Subscriptions require indexes');
    expect(f.readRows([f.engine.oneOffQuery(caller(ALICE), query)])).toEqual([
      { table: 'users', rows: [bob] },
    ]);
  });

  it('reads views without keeping them materialised', () => {
    const f = withUsers();
    const result = f.engine.oneOffQuery(caller(ALICE), 'SELECT * FROM my_user');
    expect(f.readRows([result])).toEqual([{ table: 'my_user', rows: [alice] }]);
    expect(f.engine.activeViews).toBe(0);
  });

  it('reports errors as SpacetimeDB does for one-off queries, without the SQL suffix', () => {
    const f = withUsers();
    expect(() => f.engine.oneOffQuery(caller(ALICE), 'SELECT * FROM secrets')).toThrow(
      new SubscriptionSqlError(
        'sql',
        'no such table: `secrets`. If the table exists, it may be marked private.',
      ),
    );
    expect(() => f.engine.oneOffQuery(caller(ALICE), 'DELETE FROM users')).toThrow(
      'Unsupported: Non-SELECT queries',
    );
    expect(f.engine.oneOffQuery(caller(OWNER), 'SELECT * FROM secrets').tableName).toBe('secrets');
  });
});
