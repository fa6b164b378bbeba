// Views that return a query, on the engine directly: the query's rows follow
// each commit as a delta; the view reruns only for what its function read.
import { describe, expect, it } from 'vitest';
import type { ReadTx } from '../../src/datastore/datastore.js';
import { EngineFixture } from '../../src/subscription/testing/engine-fixture.js';
import { ALICE, BOB, OWNER } from '../../src/subscription/testing/test-schema.js';

const alice = [1, 'alice', 30, ['0xb2'], true];
const bob = [2, 'bob', 12, ['0xc3'], false];
const carol = [3, 'carol', 45, ['0xb2'], true];

const ADULTS = 'SELECT * FROM users WHERE age >= 18';
const ACTIVE = 'SELECT * FROM users WHERE active = true';

/**
 * `adults` reads `secrets` (whole) and returns `ADULTS`, or `ACTIVE` while a
 * secret says "active"; `staff` reads `secrets` and returns `staffQuery()`;
 * `my_user` reads nothing and returns its sender's users.
 */
function fixture(staffQuery: () => string = () => ADULTS): EngineFixture {
  const f = new EngineFixture((name, sender, tx: ReadTx) => {
    if (name === 'adults') {
      const secrets = tx.scan(tx.tableIdFromName('secrets'));
      const active = secrets.some((row) => new TextDecoder().decode(row).endsWith('active'));
      return { query: active ? ACTIVE : ADULTS };
    }
    if (name === 'staff') {
      tx.scan(tx.tableIdFromName('secrets'));
      return { query: staffQuery() };
    }
    if (name === 'my_user') {
      return {
        query: `SELECT * FROM users WHERE owner = 0x${sender!.toString(16).padStart(64, '0')}`,
      };
    }
    throw new Error(`no view ${name}`);
  });
  f.commit((w) => {
    w.insert('users', alice);
    w.insert('users', bob);
    w.insert('users', carol);
  });
  return f;
}

describe('a view returning a query', () => {
  it('sends each commit’s changes to its rows without running the view', () => {
    const f = fixture();
    expect(f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults'])).toEqual([
      { table: 'adults', rows: [alice, carol] },
    ]);
    expect(f.subscribe('c2', BOB, 1, ['SELECT * FROM my_user'])).toEqual([
      { table: 'my_user', rows: [bob] },
    ]);
    expect(f.subscribe('c3', ALICE, 1, ['SELECT * FROM my_user'])).toEqual([
      { table: 'my_user', rows: [alice, carol] },
    ]);
    const runs = f.viewRuns.length;
    const grown = [2, 'bob', 18, ['0xc3'], false];
    const dave = [4, 'dave', 50, ['0xc3'], true];
    const result = f.commit((w) => {
      w.update('users', grown);
      w.insert('users', dave);
      w.delete('users', alice);
    });
    expect(f.readable(result)).toEqual({
      c1: { 1: { adults: [{ inserts: [grown, dave], deletes: [alice] }] } },
      c2: { 1: { my_user: [{ inserts: [grown, dave], deletes: [bob] }] } },
      c3: { 1: { my_user: [{ inserts: [], deletes: [alice] }] } },
    });
    expect(f.viewRuns.length).toBe(runs);
    expect(f.engine.stats.viewsRecomputed).toBe(0);
    // A later subscriber gets the rows kept current.
    expect(f.subscribe('c4', BOB, 1, ['SELECT * FROM adults WHERE id > 2'])).toEqual([
      { table: 'adults', rows: [carol, dave] },
    ]);
  });

  it('evaluates a query many views returned once per commit', () => {
    const f = fixture();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults']);
    f.subscribe('c2', OWNER, 1, ['SELECT * FROM staff']);
    const evaluated = f.engine.stats.queriesEvaluated;
    f.commit((w) => w.update('users', [3, 'carol', 46, ['0xb2'], true]));
    // The shared view query, then the two subscriptions.
    expect(f.engine.stats.queriesEvaluated - evaluated).toBe(3);
  });

  it('reruns when what the function read changes, and sends the new query’s difference', () => {
    const f = fixture();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults']);
    const runs = f.viewRuns.length;
    // The read changes, the query does not: nothing to send for the rerun itself.
    expect(f.commit((w) => w.insert('secrets', [1, 'quiet'])).updates.size).toBe(0);
    expect(f.viewRuns.length).toBe(runs + 1);

    // The query changes in the same commit as a row it selects: one exact difference.
    const inactiveAdult = [3, 'carol', 45, ['0xb2'], false];
    const result = f.commit((w) => {
      w.insert('secrets', [2, 'active']);
      w.update('users', inactiveAdult);
    });
    expect(f.readable(result)).toEqual({
      c1: { 1: { adults: [{ inserts: [], deletes: [carol] }] } },
    });
    expect(f.viewRuns.length).toBe(runs + 2);

    // The new query is followed: an active minor now belongs, without a rerun.
    const activeBob = [2, 'bob', 12, ['0xc3'], true];
    expect(f.readable(f.commit((w) => w.update('users', activeBob)))).toEqual({
      c1: { 1: { adults: [{ inserts: [activeBob], deletes: [] }] } },
    });
    expect(f.viewRuns.length).toBe(runs + 2);

    // Same query, a read changed and a selected row changed in one commit: the row once.
    const renamed = [1, 'alicia', 30, ['0xb2'], true];
    expect(
      f.readable(
        f.commit((w) => {
          w.insert('secrets', [3, 'active']);
          w.update('users', renamed);
        }),
      ),
    ).toEqual({ c1: { 1: { adults: [{ inserts: [renamed], deletes: [alice] }] } } });
    expect(f.viewRuns.length).toBe(runs + 3);
  });

  it('keeps following queries while view reruns are deferred', () => {
    const f = fixture();
    f.subscribe('c1', ALICE, 1, ['SELECT * FROM adults']);
    const dave = [4, 'dave', 50, ['0xc3'], false];
    const changes = f.commitOnly((w) => {
      w.insert('secrets', [1, 'active']);
      w.insert('users', dave);
    });
    const result = f.engine.onCommit(changes, { deferViews: true });
    expect(f.readable(result)).toEqual({
      c1: { 1: { adults: [{ inserts: [dave], deletes: [] }] } },
    });
    // The deferred rerun switches to the active users' query.
    expect(f.readable(f.engine.flushViews())).toEqual({
      c1: { 1: { adults: [{ inserts: [], deletes: [dave] }] } },
    });
  });

  it('runs a query it cannot follow with the view, as a view returning rows', () => {
    // A join without an index on follows: subscriptions refuse it, a view may return it.
    const f = fixture(
      () => 'SELECT users.* FROM users JOIN follows ON users.id = follows.follower',
    );
    expect(f.subscribe('c1', OWNER, 1, ['SELECT * FROM staff'])).toEqual([]);
    const runs = f.viewRuns.length;
    expect(f.readable(f.commit((w) => w.insert('follows', [2, 1])))).toEqual({
      c1: { 1: { staff: [{ inserts: [bob], deletes: [] }] } },
    });
    expect(f.viewRuns.length).toBe(runs + 1);
  });

  it('refuses a query that does not return the view’s rows, leaving nothing subscribed', () => {
    const f = fixture(() => 'SELECT * FROM posts');
    expect(() => f.subscribe('c1', OWNER, 1, ['SELECT * FROM staff'])).toThrow(
      /query returns .* but view expects/,
    );
    expect(f.engine.activeViews).toBe(0);
    expect(f.engine.activeQueries).toBe(0);
    // And a commit to the table it named reaches nobody.
    expect(f.commit((w) => w.insert('posts', [1n, 1, 'hi', 0])).updates.size).toBe(0);
  });

  it('fails the subscriptions of a view whose new query is wrong, and keeps the others', () => {
    let query = ADULTS;
    const f = fixture(() => query);
    f.subscribe('c1', OWNER, 1, ['SELECT * FROM staff']);
    f.subscribe('c2', ALICE, 1, ['SELECT * FROM my_user']);
    query = 'SELECT * FROM posts';
    const result = f.commit((w) => {
      w.insert('secrets', [1, 'rerun staff']);
      w.update('users', [1, 'alicia', 30, ['0xb2'], true]);
    });
    expect(result.failures.map((x) => [x.connectionKey, x.querySetId])).toEqual([['c1', 1]]);
    expect(result.failures[0]!.message).toMatch(/but view expects/);
    expect(Object.keys(f.readable(result))).toEqual(['c2']);
  });
});
