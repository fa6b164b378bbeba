import { describe, expect, it } from 'vitest';
import { caller, EngineFixture } from './testing/engine-fixture.js';

const CONNECTIONS = 2000;
const identityHex = (n: number) => `0x${n.toString(16)}`;
const user = (id: number, owner: number) => [id, `u${id}`, 20, [identityHex(owner)], true];
const post = (id: number, author: number, likes: number) => [BigInt(id), author, 't', likes];

/** The counters a commit moved. */
function costOf(f: EngineFixture, write: Parameters<EngineFixture['commit']>[0]) {
  const before = f.engine.stats;
  const result = f.commit(write);
  const after = f.engine.stats;
  return {
    connections: [...result.updates.keys()].sort(),
    queriesEvaluated: after.queriesEvaluated - before.queriesEvaluated,
    rowsTested: after.rowsTested - before.rowsTested,
    deliveries: after.deliveries - before.deliveries,
    viewsRecomputed: after.viewsRecomputed - before.viewsRecomputed,
  };
}

describe(`a commit among ${CONNECTIONS} subscribed connections`, () => {
  it('touching one row evaluates only the :sender query it concerns', () => {
    const f = new EngineFixture();
    for (let i = 1; i <= CONNECTIONS; i++) {
      f.engine.subscribe(`c${i}`, caller(BigInt(i)), 1, [
        'SELECT * FROM users WHERE owner = :sender',
      ]);
    }
    expect(f.engine.activeQueries).toBe(CONNECTIONS);
    expect(costOf(f, (w) => w.insert('users', user(1, 1234)))).toEqual({
      connections: ['c1234'],
      queriesEvaluated: 1,
      rowsTested: 1,
      deliveries: 1,
      viewsRecomputed: 0,
    });
    expect(costOf(f, (w) => w.update('users', user(1, 99)))).toMatchObject({
      connections: ['c1234', 'c99'],
      queriesEvaluated: 2,
      rowsTested: 2,
    });
  });

  it('routes literal equalities by value too', () => {
    const f = new EngineFixture();
    for (let i = 1; i <= CONNECTIONS; i++) {
      f.engine.subscribe(`c${i}`, caller(1n), 1, [`SELECT * FROM posts WHERE author = ${i}`]);
    }
    expect(
      costOf(f, (w) => {
        w.insert('posts', post(1, 77, 0));
        w.insert('posts', post(2, 5000, 0));
      }),
    ).toEqual({
      connections: ['c77'],
      queriesEvaluated: 1,
      rowsTested: 1,
      deliveries: 1,
      viewsRecomputed: 0,
    });
  });

  it('evaluates a query every connection shares once, delivering it to each', () => {
    const f = new EngineFixture();
    for (let i = 1; i <= CONNECTIONS; i++) {
      f.engine.subscribe(`c${i}`, caller(BigInt(i)), 1, ['SELECT * FROM posts WHERE likes > 10']);
    }
    expect(f.engine.activeQueries).toBe(1);
    const popular = costOf(f, (w) => w.insert('posts', post(1, 1, 11)));
    expect(popular).toMatchObject({ queriesEvaluated: 1, rowsTested: 1, deliveries: CONNECTIONS });
    expect(popular.connections).toHaveLength(CONNECTIONS);
    expect(costOf(f, (w) => w.insert('posts', post(2, 1, 3)))).toEqual({
      connections: [],
      queriesEvaluated: 1,
      rowsTested: 1,
      deliveries: 0,
      viewsRecomputed: 0,
    });
  });

  it('costs nothing when it touches a table no query reads', () => {
    const f = new EngineFixture();
    for (let i = 1; i <= CONNECTIONS; i++) {
      f.engine.subscribe(`c${i}`, caller(BigInt(i)), 1, [
        'SELECT * FROM users WHERE owner = :sender',
        'SELECT * FROM posts WHERE likes > 10',
      ]);
    }
    expect(costOf(f, (w) => w.insert('follows', [1, 2]))).toEqual({
      connections: [],
      queriesEvaluated: 0,
      rowsTested: 0,
      deliveries: 0,
      viewsRecomputed: 0,
    });
  });

  it('recomputes only the per-sender view whose keys the commit touched', () => {
    const f = new EngineFixture();
    for (let i = 1; i <= CONNECTIONS; i++) {
      f.engine.subscribe(`c${i}`, caller(BigInt(i)), 1, ['SELECT * FROM my_user']);
    }
    expect(f.engine.activeViews).toBe(CONNECTIONS);
    expect(costOf(f, (w) => w.insert('users', user(1, 321)))).toEqual({
      connections: ['c321'],
      queriesEvaluated: 1,
      rowsTested: 1,
      deliveries: 1,
      viewsRecomputed: 1,
    });
  });

  it('releases everything when the connections go', () => {
    const f = new EngineFixture();
    for (let i = 1; i <= CONNECTIONS; i++) {
      f.engine.subscribe(`c${i}`, caller(BigInt(i)), 1, [
        'SELECT * FROM my_user',
        'SELECT * FROM users WHERE owner = :sender',
      ]);
    }
    for (let i = 1; i <= CONNECTIONS; i++) f.engine.dropConnection(`c${i}`);
    expect(f.engine.activeQueries).toBe(0);
    expect(f.engine.activeViews).toBe(0);
    expect(costOf(f, (w) => w.insert('users', user(1, 1)))).toMatchObject({ queriesEvaluated: 0 });
  });
});
